#pragma once

#include <QSslCertificate>
#include <QString>

#include <optional>

namespace baton::test {

// A throwaway certificate authority made with the openssl command, as a person's real CA
// would be: a root, an intermediate it signs, and host certificates the intermediate
// signs for localhost and 127.0.0.1. Everything lives in the directory given.
class TestCertificateAuthority {
public:
    enum class KeyType { Rsa, Ec };

    struct Issued {
        QString chainPath; // the host's certificate, then the intermediate
        QString keyPath; // unencrypted PEM
    };

    // Makes the root and the intermediate; error() says why when isValid() is false.
    explicit TestCertificateAuthority(QString directory);

    bool isValid() const { return error_.isEmpty(); }
    QString error() const { return error_; }
    // The root alone: what a client that trusts this CA and nothing else knows.
    QSslCertificate root() const;

    // A host certificate valid for validDays from now (negative: expired that long ago),
    // named name in the directory; nullopt with error() set when openssl failed.
    std::optional<Issued> issue(const QString &name, KeyType keyType, int validDays = 30);

private:
    bool openssl(const QStringList &arguments);
    QString path(const QString &name) const;

    QString directory_;
    QString error_;
    int lastSerial_ = 0;
};

} // namespace baton::test
