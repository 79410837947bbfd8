#include "core/protocol/ProtocolError.h"

namespace baton::protocol {

const char *errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Truncated:
        return "truncated";
    case ErrorCode::LengthMismatch:
        return "lengths disagree";
    case ErrorCode::TooLarge:
        return "too large";
    case ErrorCode::UnknownType:
        return "unknown type";
    case ErrorCode::BadValue:
        return "bad value";
    case ErrorCode::Unsupported:
        return "unsupported";
    }
    return "unknown error";
}

std::string ProtocolError::toString() const
{
    std::string text = errorCodeName(code);
    text += " at byte ";
    text += std::to_string(offset);
    if (what && *what) {
        text += " (";
        text += what;
        text += ')';
    }
    return text;
}

} // namespace baton::protocol
