#include "core/common/InviteLink.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace baton {
namespace {

bool isValidSessionId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    return pattern.match(id).hasMatch();
}

std::optional<InviteLink> fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

} // namespace

QUrl InviteLink::toUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("baton"));
    url.setHost(host);
    url.setPort(port);
    url.setPath(QLatin1Char('/') + sessionId);
    QUrlQuery query;
    if (!fingerprint.isEmpty())
        query.addQueryItem(QStringLiteral("fp"), QString::fromLatin1(fingerprint.toHex()));
    if (!passcode.isEmpty())
        query.addQueryItem(QStringLiteral("code"), passcode);
    url.setQuery(query);
    return url;
}

std::optional<InviteLink> InviteLink::parse(const QString &text, QString *error)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid())
        return fail(error, QObject::tr("The link is not a valid URL: %1").arg(url.errorString()));
    if (url.scheme() != QLatin1String("baton"))
        return fail(error, QObject::tr("The link must start with baton://"));
    if (url.host().isEmpty())
        return fail(error, QObject::tr("The link names no host."));

    InviteLink link;
    link.host = url.host();
    const int port = url.port(kDefaultPort);
    if (port <= 0 || port > 65535)
        return fail(error, QObject::tr("The link's port is out of range."));
    link.port = static_cast<quint16>(port);

    link.sessionId = url.path().mid(1);
    if (!isValidSessionId(link.sessionId))
        return fail(error, QObject::tr("The link's session id is missing or malformed."));

    const QUrlQuery query(url);
    const QString fp = query.queryItemValue(QStringLiteral("fp"));
    if (fp.isEmpty())
        return fail(error, QObject::tr("The link carries no certificate fingerprint (fp=…)."));
    static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
    if (!hex.match(fp).hasMatch())
        return fail(error,
                    QObject::tr("The certificate fingerprint must be 64 hexadecimal digits."));
    link.fingerprint = QByteArray::fromHex(fp.toLatin1());
    link.passcode = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    return link;
}

} // namespace baton
