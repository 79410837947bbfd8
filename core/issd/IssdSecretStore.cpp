#include "core/issd/IssdSecretStore.h"

#include "core/issd/IssdArguments.h"

#include <QFile>
#include <QPasswordDigestor>
#include <QRandomGenerator>
#include <QSaveFile>

namespace baton::issd {
namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return bytes;
}

std::optional<QByteArray> fromBase64Url(const QString &text)
{
    auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), kBase64Url |
                                                                       QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

} // namespace

QByteArray IssdSecretStore::deriveKey(const QByteArray &secret, const QByteArray &salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, secret, salt, iterations,
                                              kKeyBytes);
}

void IssdSecretStore::setSecret(const QString &keyId, const QByteArray &secret, int iterations)
{
    Entry entry{randomBytes(kSaltBytes), iterations, {}};
    entry.key = deriveKey(secret, entry.salt, iterations);
    entries_.insert(keyId, entry);
}

std::optional<IssdSecretStore::Entry> IssdSecretStore::find(const QString &keyId) const
{
    const auto it = entries_.constFind(keyId);
    if (it == entries_.constEnd())
        return std::nullopt;
    return *it;
}

QByteArray IssdSecretStore::serialize() const
{
    QByteArray text = "# ISSD agent keys: salted PBKDF2-HMAC-SHA256 of each secret, never the secret\n";
    QStringList keys = entries_.keys();
    keys.sort();
    for (const QString &keyId : keys) {
        const Entry &entry = entries_[keyId];
        Arguments args;
        args.addPositional(QStringLiteral("HMAC-SHA256"));
        args.add(QStringLiteral("key"), keyId);
        args.add(QStringLiteral("s"), QString::fromLatin1(entry.salt.toBase64(kBase64Url)));
        args.add(QStringLiteral("i"), QString::number(entry.iterations));
        args.add(QStringLiteral("k"), QString::fromLatin1(entry.key.toBase64(kBase64Url)));
        text += args.serialize().toUtf8() + '\n';
    }
    return text;
}

std::optional<IssdSecretStore> IssdSecretStore::parse(const QByteArray &text, QString *error)
{
    IssdSecretStore store;
    int lineNumber = 0;
    for (const QByteArray &rawLine : text.split('\n')) {
        ++lineNumber;
        const QByteArray line = rawLine.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        ParseError parseError;
        const auto decoded = decodeLine(line, &parseError);
        const auto args = decoded ? Arguments::parse(*decoded, &parseError) : std::nullopt;
        const auto fail = [&](const QString &why) {
            *error = QStringLiteral("line %1: %2").arg(lineNumber).arg(why);
            return std::nullopt;
        };
        if (!args)
            return fail(parseError.message);
        if (args->positionals() != QStringList{QStringLiteral("HMAC-SHA256")})
            return fail(QStringLiteral("expected 'HMAC-SHA256 key=… s=… i=… k=…'"));
        const QString keyId = args->value(u"key").value_or(QString());
        const auto salt = fromBase64Url(args->value(u"s").value_or(QString()));
        const auto key = fromBase64Url(args->value(u"k").value_or(QString()));
        bool ok = false;
        const int iterations = args->value(u"i").value_or(QString()).toInt(&ok);
        if (!isValidKey(keyId))
            return fail(QStringLiteral("key id must be [a-z0-9-]{1,32}"));
        if (!salt || salt->size() < 8)
            return fail(QStringLiteral("salt (s=) must be base64url of at least 8 bytes"));
        if (!key || key->size() != kKeyBytes)
            return fail(QStringLiteral("key (k=) must be base64url of 32 bytes"));
        if (!ok || iterations < kMinIterations || iterations > kMaxIterations)
            return fail(QStringLiteral("iterations (i=) must be %1..%2").arg(kMinIterations).arg(kMaxIterations));
        store.entries_.insert(keyId, Entry{*salt, iterations, *key});
    }
    return store;
}

std::optional<IssdSecretStore> IssdSecretStore::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QString parseError;
    auto store = parse(file.read(64 * 1024), &parseError);
    if (!store)
        *error = QStringLiteral("%1: %2").arg(path, parseError);
    return store;
}

bool IssdSecretStore::save(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(serialize()) < 0 || !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace baton::issd
