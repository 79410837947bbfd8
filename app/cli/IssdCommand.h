#pragma once

#include <QStringList>

namespace baton::cli {

// baton-cli issd HOST[:PORT] [OPTIONS] COMMAND… : one ISSD command for scripts;
// baton-cli issd --discover : lists the agents that answer on the LAN.
int runIssd(const QStringList &args);

} // namespace baton::cli
