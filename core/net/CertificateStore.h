#pragma once

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

#include <optional>

namespace baton::net {

// The host's TLS identity: a self-signed ECDSA P-256 certificate and its key, created on
// first use and then kept, so that invite links (which pin the certificate's SHA-256
// fingerprint) stay valid across restarts.
//
// Files in directory(): cert.pem (0644) and key.pem (0600; the directory itself is made
// 0700). The directory is passed in so that tests and several hosts never share one;
// defaultDirectory() is the per-user location the applications use.
//
// A host may instead use a certificate from a real CA (loadFromFiles()), so that browsers
// joining through the web invite need no exception for it.
class CertificateStore {
public:
    struct Identity {
        QSslCertificate certificate;
        QSslKey privateKey;
        QByteArray fingerprint; // SHA-256 of the DER certificate, 32 bytes
        // The CA's intermediate certificates, sent after certificate in the handshake;
        // empty for the self-signed one.
        QList<QSslCertificate> intermediates;
    };

    static constexpr int kValidityDays = 3650;

    explicit CertificateStore(QString directory);

    // QStandardPaths::AppConfigLocation + "/tls".
    static QString defaultDirectory();

    QString directory() const { return directory_; }
    QString certificatePath() const;
    QString keyPath() const;

    // Loads the identity, creating it when neither file exists yet, or replacing it when
    // the certificate has expired. A store that exists but cannot be read (one file
    // missing, unparsable PEM, a key that does not match the certificate) is not
    // overwritten: that would silently invalidate every invite link. Returns nullopt and
    // a sentence for the user in *error instead.
    std::optional<Identity> loadOrCreate(QString *error = nullptr) const;

    // A certificate from a CA and its key, as PEM files (the certificate file may hold the
    // chain: the host's certificate first, then intermediates). The key is RSA or EC and
    // not encrypted. Checked here rather than at the first handshake: both files readable,
    // the key matching the certificate, the certificate valid now. Returns nullopt and a
    // sentence naming the file at fault in *error otherwise.
    static std::optional<Identity> loadFromFiles(const QString &certificatePath,
                                                 const QString &keyPath, QString *error = nullptr);

    // A new self-signed ECDSA P-256 certificate with the given common name, in memory.
    static std::optional<Identity> generate(const QString &commonName, QString *error = nullptr);

    // SHA-256 of the certificate's DER encoding, as carried in invite links.
    static QByteArray fingerprintOf(const QSslCertificate &certificate);

private:
    std::optional<Identity> load(QString *error) const;
    bool save(const Identity &identity, QString *error) const;

    QString directory_;
};

} // namespace baton::net
