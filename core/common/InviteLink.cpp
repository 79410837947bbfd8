#include "core/common/InviteLink.h"

#include <QRegularExpression>
#include <QStringList>
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

// The web form's path: /s/SESSION.
const QString kWebPathPrefix = QStringLiteral("/s/");

// The HTTPS default, for a web link pasted without its port.
constexpr int kHttpsPort = 443;

// Percent-encodes everything but RFC 3986's unreserved characters: the page reads the
// web link's fragment with URLSearchParams, which would take a literal '+' for a space.
QString encodedValue(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
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
    // Encoded here: QUrlQuery would read a '%' in the passcode as the start of an escape.
    if (!passcode.isEmpty())
        query.addQueryItem(QStringLiteral("code"), encodedValue(passcode));
    url.setQuery(query);
    return url;
}

QString InviteLink::toWebString() const
{
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(host);
    url.setPort(port);
    url.setPath(kWebPathPrefix + sessionId);
    QStringList fields;
    if (!passcode.isEmpty())
        fields << QStringLiteral("code=") + encodedValue(passcode);
    if (!fingerprint.isEmpty())
        fields << QStringLiteral("fp=") + QString::fromLatin1(fingerprint.toHex());
    // Appended as text: QUrl::setFragment() would decode %2B back into a '+'.
    QString text = url.toString(QUrl::FullyEncoded);
    if (!fields.isEmpty())
        text += QLatin1Char('#') + fields.join(QLatin1Char('&'));
    return text;
}

std::optional<InviteLink> InviteLink::parse(const QString &text, QString *error)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid())
        return fail(error, QObject::tr("The link is not a valid URL: %1").arg(url.errorString()));
    const bool web = url.scheme() == QLatin1String("https");
    if (url.scheme() != QLatin1String("baton") && !web)
        return fail(error, QObject::tr("The link must start with baton:// or https://"));
    if (url.host().isEmpty())
        return fail(error, QObject::tr("The link names no host."));

    InviteLink link;
    link.host = url.host();
    const int port = url.port(web ? kHttpsPort : kDefaultPort);
    if (port <= 0 || port > 65535)
        return fail(error, QObject::tr("The link's port is out of range."));
    link.port = static_cast<quint16>(port);

    const QString path = url.path();
    if (web && !path.startsWith(kWebPathPrefix))
        return fail(error, QObject::tr("A web invite's path is /s/ and the session id."));
    link.sessionId = path.mid(web ? kWebPathPrefix.size() : 1);
    if (!isValidSessionId(link.sessionId))
        return fail(error, QObject::tr("The link's session id is missing or malformed."));

    // The web form keeps its fields in the fragment, the native one in the query.
    const QUrlQuery query(web ? url.fragment(QUrl::FullyEncoded) : url.query(QUrl::FullyEncoded));
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
