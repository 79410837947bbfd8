#pragma once

#include <QStringList>

namespace baton::cli {

// baton-cli rdp-gateway: joins a share as one viewer and serves it to RDP clients
// (core/rdp/RdpGateway). Prints the rdp:// address, the password and the certificate's
// fingerprint on stdout, one line each, once it serves.
int runRdpGateway(const QStringList &args);

} // namespace baton::cli
