#pragma once

#include <QStringList>

namespace baton::cli {

// baton-cli join: a headless viewer, with statistics and the final picture on request.
int runJoin(const QStringList &args);

} // namespace baton::cli
