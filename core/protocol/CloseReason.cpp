#include "core/protocol/CloseReason.h"

namespace baton::protocol {

std::string_view describe(CloseReason reason)
{
    switch (reason) {
    case CloseReason::Unknown:
        break;
    case CloseReason::HostEnded:
        return "The host ended the session.";
    case CloseReason::ViewerLeft:
        return "The viewer left the session.";
    case CloseReason::WrongPasscode:
        return "The passcode is wrong. Check the invite link or ask the host for the passcode.";
    case CloseReason::RateLimited:
        return "Too many wrong passcodes were tried from this address; wait a minute and try "
               "again.";
    case CloseReason::ProtocolError:
        return "The other side sent data Baton cannot understand, so the connection was closed.";
    case CloseReason::VersionMismatch:
        return "The host and the viewer run incompatible versions of Baton; update the older "
               "one.";
    case CloseReason::Kicked:
        return "The host removed you from the session.";
    case CloseReason::Timeout:
        return "The other side stopped responding.";
    case CloseReason::WindowClosed:
        return "The shared window was closed, so the session ended.";
    case CloseReason::SessionNotFound:
        return "This host is not running the session named in the invite link; ask for a new "
               "link.";
    case CloseReason::SessionFull:
        return "The session has no room for more viewers.";
    case CloseReason::TooSlow:
        return "The connection was too slow to keep up with the shared window.";
    case CloseReason::CertificateMismatch:
        return "The host's certificate does not match the invite link; the connection may be "
               "intercepted, so Baton refused it.";
    case CloseReason::ConnectionLost:
        return "The network connection was lost.";
    case CloseReason::InternalError:
        return "The other side hit an internal error and closed the connection.";
    case CloseReason::HostBusy:
        return "The host is busy with too many connections right now; try again in a few "
               "seconds.";
    }
    return "The connection was closed for a reason this version of Baton does not know.";
}

bool isKnown(CloseReason reason)
{
    return reason != CloseReason::Unknown && uint16_t(reason) <= uint16_t(CloseReason::HostBusy);
}

} // namespace baton::protocol
