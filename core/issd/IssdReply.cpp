#include "core/issd/IssdReply.h"

#include "core/issd/IssdMessages.h"

namespace baton::issd {

QString replyWord(int code)
{
    switch (code) {
    case kErrClosing:
        return QStringLiteral("E_CLOSING");
    case kErrBusy:
        return QStringLiteral("E_BUSY");
    case kErrLocal:
        return QStringLiteral("E_LOCAL");
    case kErrRate:
        return QStringLiteral("E_RATE");
    case kErrUnavailable:
        return QStringLiteral("E_UNAVAILABLE");
    case kErrSyntax:
        return QStringLiteral("E_SYNTAX");
    case kErrParam:
        return QStringLiteral("E_PARAM");
    case kErrUnknown:
        return QStringLiteral("E_UNKNOWN");
    case kErrSequence:
        return QStringLiteral("E_SEQUENCE");
    case kErrUnsupported:
        return QStringLiteral("E_UNSUPPORTED");
    case kErrVersion:
        return QStringLiteral("E_VERSION");
    case kErrAuthRequired:
        return QStringLiteral("E_AUTHREQ");
    case kErrAuth:
        return QStringLiteral("E_AUTH");
    case kErrTlsRequired:
        return QStringLiteral("E_TLSREQ");
    case kErrNoDisplay:
        return QStringLiteral("E_NODISPLAY");
    case kErrDenied:
        return QStringLiteral("E_DENIED");
    case kErrFailed:
        return QStringLiteral("E_FAILED");
    case kErrShare:
        return QStringLiteral("E_SHARE");
    default:
        return code < 400 ? QStringLiteral("OK") : QStringLiteral("E_FAILED");
    }
}

QByteArray Reply::toBytes() const
{
    QByteArray bytes;
    for (const QString &line : data)
        bytes += ReplyLine{code, false, {}, line}.toLine();
    bytes += ReplyLine{code, true, replyWord(code), text}.toLine();
    return bytes;
}

} // namespace baton::issd
