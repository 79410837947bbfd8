#pragma once

#include <QStringList>

namespace baton::cli {

// baton-cli host: shares a window, the demo scene or a synthetic scene until SIGINT or
// SIGTERM; the invite link is the first line of stdout.
int runHost(const QStringList &args);

} // namespace baton::cli
