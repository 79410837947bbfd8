#pragma once

#include <QStringList>

namespace baton {

// `baton --agent [OPTIONS]`: the ISSD display agent with this desktop's screens, so JOIN
// shows a Baton share full screen (ScreenShareDisplay) and IDENTIFY draws labels
// (ScreenLabelIdentifier). Same options as
// `baton-cli agent`; runs the event loop and returns the exit status.
int runDisplayAgent(const QStringList &args);

} // namespace baton
