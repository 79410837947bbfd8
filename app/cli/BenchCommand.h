#pragma once

#include <QStringList>

namespace baton::cli {

// baton-cli bench KIND [OPTIONS]: runs one benchmark and prints JSON lines.
int runBench(const QStringList &args);

} // namespace baton::cli
