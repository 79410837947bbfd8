#include "DisplayAgent.h"

#include "core/issd/IssdAgentLauncher.h"
#include "ui/share/ScreenLabelIdentifier.h"
#include "ui/share/ScreenShareDisplay.h"

#include <QApplication>
#include <QHostInfo>

namespace baton {

int runDisplayAgent(const QStringList &args)
{
    // The plug-ins are declared first so that they outlive the agent that uses them; the
    // share's viewer is named like this in the hosts' rosters.
    ScreenShareDisplay share(QApplication::translate("main", "Room display on %1").arg(QHostInfo::localHostName()));
    ScreenLabelIdentifier identifier;
    issd::IssdAgentLauncher launcher(QStringLiteral("baton --agent"));
    const auto plugIn = [&share, &identifier](issd::IssdAgent &agent) {
        agent.setShareDisplay(&share);
        agent.setIdentifier(&identifier);
    };
    if (const auto exitCode = launcher.start(args, plugIn))
        return *exitCode;
    // The agent runs without a window of its own; closing a share's viewer is no reason to quit.
    QApplication::setQuitOnLastWindowClosed(false);
    return QApplication::exec();
}

} // namespace baton
