#pragma once

#include "core/issd/IssdSecretStore.h"

#include <QSslCertificate>

#include <optional>

namespace baton::issd {

// The values both ends hash in AUTH HMAC-SHA256 (docs/issd.md, "Authentication"):
// AM = "ISSD/1 AUTH " server-id SP key-id SP cn SP sn SP cb.
struct AuthTranscript {
    QString serverId;
    QString keyId;
    QString clientNonce; // base64url
    QString serverNonce; // base64url
    QString channelBinding; // "tls-server-end-point:<hex>" or "none"

    QByteArray message() const;
};

// HMAC-SHA256 authentication, mutual and bound to the agent's TLS certificate. The
// static functions are what both ends compute; an instance is the agent's side of
// one exchange on one connection (begin, then finish once).
class IssdAuthenticator {
public:
    static constexpr int kNonceBytes = 18; // 24 base64url characters
    static constexpr int kMinNonceBytes = 16;
    static constexpr int kMaxNonceBytes = 32;

    static QString channelBinding(const QSslCertificate &serverCertificate);
    static QByteArray clientProof(const QByteArray &key, const AuthTranscript &transcript);
    static QByteArray serverProof(const QByteArray &key, const AuthTranscript &transcript);
    static QByteArray eventKey(const QByteArray &key, const AuthTranscript &transcript);
    static bool constantTimeEquals(QByteArrayView a, QByteArrayView b);
    static QString randomNonce();
    // A nonce the peer sent: base64url of 16..32 bytes.
    static bool isValidNonce(const QString &nonce);

    struct Challenge {
        QString salt; // base64url
        int iterations = 0;
        QString serverNonce;
    };
    struct Success {
        QByteArray serverProof; // to send as sp=<hex>
        QByteArray eventKey;    // Kev, signs this session's UDP events
    };

    IssdAuthenticator(const IssdSecretStore &store, QString serverId, QString channelBinding,
                      QByteArray decoySeed);

    // AUTH HMAC-SHA256 key=… cn=…: the challenge. An unknown key id gets a decoy
    // challenge (salt derived from decoySeed) and then fails like a wrong proof, so
    // key ids cannot be probed.
    Challenge begin(const QString &keyId, const QString &clientNonce);
    // The client's proof (64 hex). nullopt when it is wrong.
    std::optional<Success> finish(QByteArrayView proofHex);

private:
    const IssdSecretStore &store_;
    QString serverId_;
    QString channelBinding_;
    QByteArray decoySeed_;
    std::optional<IssdSecretStore::Entry> entry_;
    AuthTranscript transcript_;
    bool begun_ = false;
};

} // namespace baton::issd
