#pragma once

#include <cstdint>
#include <string_view>

namespace baton::protocol {

// Why a connection ends. Travels both ways in the Goodbye PDU (u16 on the wire) and is
// shown to the user as describe()'s sentence. Values are part of the protocol: never
// renumber; add new ones at the end. A peer may receive a value it does not know (from a
// newer peer): describe() still gives a sentence for it.
enum class CloseReason : uint16_t {
    Unknown = 0,
    HostEnded = 1, // the host stopped sharing
    ViewerLeft = 2, // the viewer chose to leave
    WrongPasscode = 3,
    RateLimited = 4, // too many wrong passcodes from this address
    ProtocolError = 5, // the peer sent something that does not decode
    VersionMismatch = 6,
    Kicked = 7, // the host removed this viewer
    Timeout = 8, // the peer stopped answering
    WindowClosed = 9, // the shared window went away
    SessionNotFound = 10, // the invite names a session this host is not running
    SessionFull = 11, // the host accepts no more viewers
    TooSlow = 12, // the viewer could not keep up, even with catch-up refreshes
    CertificateMismatch = 13, // local only: the host's certificate does not match the invite
    ConnectionLost = 14, // local only: the TCP/TLS connection broke without a Goodbye
    InternalError = 15,
    HostBusy = 16, // the host is handling too many connections now; retrying later works
};

// A sentence a user can read, for the side that receives or experiences the close.
std::string_view describe(CloseReason reason);

// False for values this version does not define (they still travel unchanged).
bool isKnown(CloseReason reason);

} // namespace baton::protocol
