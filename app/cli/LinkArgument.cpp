#include "LinkArgument.h"

#include <QFile>

namespace baton::cli {

std::optional<InviteLink> linkArgument(const QString &argument, QString *error)
{
    if (argument != QLatin1String("-"))
        return InviteLink::parse(argument, error);
    // A link is well under a kilobyte; anything longer is not one.
    constexpr qint64 kMaxLineBytes = 4096;
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the invite link from standard input");
        return std::nullopt;
    }
    const QByteArray line = in.readLine(kMaxLineBytes).trimmed();
    if (line.isEmpty()) {
        *error = QStringLiteral("no invite link on standard input");
        return std::nullopt;
    }
    return InviteLink::parse(QString::fromUtf8(line), error);
}

} // namespace baton::cli
