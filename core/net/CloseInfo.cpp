#include "core/net/CloseInfo.h"

namespace baton::net {

QString CloseInfo::text() const
{
    const std::string_view sentence = protocol::describe(reason);
    QString words = QString::fromUtf8(sentence.data(), qsizetype(sentence.size()));
    if (!detail.isEmpty())
        words += QStringLiteral(" (") + detail + QLatin1Char(')');
    return words;
}

QString CloseInfo::originName(Origin origin)
{
    switch (origin) {
    case Origin::Local:
        return QStringLiteral("local");
    case Origin::Peer:
        return QStringLiteral("peer");
    case Origin::Transport:
        return QStringLiteral("transport");
    }
    return QStringLiteral("unknown");
}

} // namespace baton::net
