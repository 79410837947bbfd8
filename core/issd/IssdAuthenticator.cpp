#include "core/issd/IssdAuthenticator.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace baton::issd {
namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray hmac(const QByteArray &key, const QByteArray &label, const AuthTranscript &transcript)
{
    return QMessageAuthenticationCode::hash(label + ' ' + transcript.message(), key,
                                            QCryptographicHash::Sha256);
}

} // namespace

QByteArray AuthTranscript::message() const
{
    return QStringLiteral("ISSD/1 AUTH %1 %2 %3 %4 %5")
        .arg(serverId, keyId, clientNonce, serverNonce, channelBinding)
        .toUtf8();
}

QString IssdAuthenticator::channelBinding(const QSslCertificate &serverCertificate)
{
    if (serverCertificate.isNull())
        return QStringLiteral("none");
    return QStringLiteral("tls-server-end-point:") +
           QString::fromLatin1(
               QCryptographicHash::hash(serverCertificate.toDer(), QCryptographicHash::Sha256).toHex());
}

QByteArray IssdAuthenticator::clientProof(const QByteArray &key, const AuthTranscript &transcript)
{
    return hmac(key, "client", transcript);
}

QByteArray IssdAuthenticator::serverProof(const QByteArray &key, const AuthTranscript &transcript)
{
    return hmac(key, "server", transcript);
}

QByteArray IssdAuthenticator::eventKey(const QByteArray &key, const AuthTranscript &transcript)
{
    return hmac(key, "event", transcript);
}

bool IssdAuthenticator::constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    // Every byte is looked at whatever the first difference, so timing reveals
    // nothing but the length (which is public: 32 bytes).
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

QString IssdAuthenticator::randomNonce()
{
    QByteArray bytes(kNonceBytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return QString::fromLatin1(bytes.toBase64(kBase64Url));
}

bool IssdAuthenticator::isValidNonce(const QString &nonce)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        nonce.toLatin1(), kBase64Url | QByteArray::AbortOnBase64DecodingErrors);
    return decoded && decoded.decoded.size() >= kMinNonceBytes && decoded.decoded.size() <= kMaxNonceBytes &&
           QString::fromLatin1(decoded.decoded.toBase64(kBase64Url)) == nonce;
}

IssdAuthenticator::IssdAuthenticator(const IssdSecretStore &store, QString serverId,
                                     QString channelBinding, QByteArray decoySeed)
    : store_(store), serverId_(std::move(serverId)), channelBinding_(std::move(channelBinding)),
      decoySeed_(std::move(decoySeed))
{
}

IssdAuthenticator::Challenge IssdAuthenticator::begin(const QString &keyId, const QString &clientNonce)
{
    begun_ = true;
    entry_ = store_.find(keyId);
    transcript_ = {serverId_, keyId, clientNonce, randomNonce(), channelBinding_};
    QByteArray salt;
    int iterations = IssdSecretStore::kDefaultIterations;
    if (entry_) {
        salt = entry_->salt;
        iterations = entry_->iterations;
    } else {
        salt = QMessageAuthenticationCode::hash(keyId.toUtf8(), decoySeed_, QCryptographicHash::Sha256)
                   .first(IssdSecretStore::kSaltBytes);
    }
    return {QString::fromLatin1(salt.toBase64(kBase64Url)), iterations, transcript_.serverNonce};
}

std::optional<IssdAuthenticator::Success> IssdAuthenticator::finish(QByteArrayView proofHex)
{
    if (!begun_)
        return std::nullopt;
    begun_ = false; // one proof per challenge: a second try needs a new server nonce
    const QByteArray proof = QByteArray::fromHex(proofHex.toByteArray());
    if (!entry_ || proofHex.size() != 64 || proof.size() != 32)
        return std::nullopt;
    if (!constantTimeEquals(proof, clientProof(entry_->key, transcript_)))
        return std::nullopt;
    return Success{serverProof(entry_->key, transcript_).toHex(), eventKey(entry_->key, transcript_)};
}

} // namespace baton::issd
