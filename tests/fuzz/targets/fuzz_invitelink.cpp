// Invite links arrive from clipboards, chat messages and QR codes: any text at all.
#include "core/common/InviteLink.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text =
        QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    QString error;
    if (const auto link = baton::InviteLink::parse(text, &error)) {
        // A link that parses formats back, in either form, into one that parses to the
        // same thing.
        for (const QString &formatted : {link->toString(), link->toWebString()}) {
            const auto again = baton::InviteLink::parse(formatted);
            if (!again || again->host != link->host || again->port != link->port ||
                again->sessionId != link->sessionId || again->fingerprint != link->fingerprint ||
                again->passcode != link->passcode)
                __builtin_trap();
        }
    } else if (error.isEmpty()) {
        __builtin_trap();
    }
    return 0;
}
