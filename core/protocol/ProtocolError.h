#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace baton::protocol {

// Why a frame or PDU was refused. Every decoder reports one of these instead of throwing;
// the connection turns any of them into CloseReason::ProtocolError.
enum class ErrorCode : uint8_t {
    Truncated, // fewer bytes than a field or a declared length needs
    LengthMismatch, // two lengths that must agree do not (or bytes left over)
    TooLarge, // a length or count beyond the limits in docs/protocol.md
    UnknownType, // a type, version or selector this implementation does not know
    BadValue, // a field outside its allowed values (reserved bits, bad UTF-8, ...)
    Unsupported, // valid T.128 that Baton does not carry (compression, FlowPDU, ...)
};

const char *errorCodeName(ErrorCode code);

struct ProtocolError {
    ErrorCode code = ErrorCode::BadValue;
    size_t offset = 0; // byte offset in the buffer being decoded
    const char *what = ""; // the field or structure concerned (a string literal)

    // "truncated at byte 12 (share data header)": for logs and close messages.
    std::string toString() const;

    friend bool operator==(const ProtocolError &, const ProtocolError &) = default;
};

} // namespace baton::protocol
