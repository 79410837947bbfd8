#pragma once

#include <QStringList>

namespace baton::cli {

// baton-cli windows [--json]: lists the windows that can be shared, through the capture
// backend the platform has (WindowSourceFactory).
int runWindows(const QStringList &args);

} // namespace baton::cli
