#pragma once

#include <QStringList>

namespace baton::cli {

// baton-cli agent [OPTIONS]: runs a headless ISSD display agent until stopped.
int runAgent(const QStringList &args);

} // namespace baton::cli
