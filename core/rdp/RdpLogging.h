#pragma once

#include <QLoggingCategory>

// baton.rdp: the RDP server's listener and each client's connection (who came, why one was
// refused or cut, what it was sent); FreeRDP's own messages come through it as well.
Q_DECLARE_LOGGING_CATEGORY(lcRdp)

namespace baton::rdp {

// Sends FreeRDP's and WinPR's log (WLog) through lcRdp instead of its own console output,
// which would write to the gateway's stdout. Once per process; any thread.
void routeFreeRdpLogging();

} // namespace baton::rdp
