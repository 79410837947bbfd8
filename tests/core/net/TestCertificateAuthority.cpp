#include "TestCertificateAuthority.h"

#include <QFile>
#include <QProcess>

#include <utility>

namespace baton::test {
namespace {

constexpr int kOpensslTimeoutMs = 60000;

bool writeText(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

QStringList keyOptions(TestCertificateAuthority::KeyType keyType)
{
    if (keyType == TestCertificateAuthority::KeyType::Rsa)
        return {QStringLiteral("-newkey"), QStringLiteral("rsa:2048")};
    return {QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
            QStringLiteral("ec_paramgen_curve:P-256")};
}

} // namespace

TestCertificateAuthority::TestCertificateAuthority(QString directory)
    : directory_(std::move(directory))
{
    const QByteArray caExtensions = "basicConstraints=critical,CA:TRUE\n"
                                    "keyUsage=critical,keyCertSign,cRLSign\n"
                                    "subjectKeyIdentifier=hash\n"
                                    "authorityKeyIdentifier=keyid\n";
    const QByteArray hostExtensions = "basicConstraints=critical,CA:FALSE\n"
                                      "keyUsage=critical,digitalSignature,keyEncipherment\n"
                                      "extendedKeyUsage=serverAuth\n"
                                      "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                                      "authorityKeyIdentifier=keyid\n";
    if (!writeText(path(QStringLiteral("ca.ext")), caExtensions) ||
        !writeText(path(QStringLiteral("host.ext")), hostExtensions)) {
        error_ = QStringLiteral("cannot write in %1").arg(directory_);
        return;
    }
    const QStringList ec = keyOptions(KeyType::Ec);
    if (!openssl(QStringList{
                     QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-nodes"),
                     QStringLiteral("-subj"), QStringLiteral("/CN=Baton Test Root CA"),
                     QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-addext"),
                     QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                     QStringLiteral("keyUsage=critical,keyCertSign,cRLSign"),
                     QStringLiteral("-keyout"), path(QStringLiteral("root.key")),
                     QStringLiteral("-out"), path(QStringLiteral("root.pem"))} +
                 ec))
        return;
    if (!openssl(QStringList{QStringLiteral("req"), QStringLiteral("-nodes"),
                             QStringLiteral("-subj"),
                             QStringLiteral("/CN=Baton Test Intermediate CA"),
                             QStringLiteral("-keyout"), path(QStringLiteral("intermediate.key")),
                             QStringLiteral("-out"), path(QStringLiteral("intermediate.csr"))} +
                 ec))
        return;
    openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
             path(QStringLiteral("intermediate.csr")), QStringLiteral("-CA"),
             path(QStringLiteral("root.pem")), QStringLiteral("-CAkey"),
             path(QStringLiteral("root.key")), QStringLiteral("-set_serial"),
             QString::number(++lastSerial_), QStringLiteral("-days"), QStringLiteral("30"),
             QStringLiteral("-extfile"), path(QStringLiteral("ca.ext")), QStringLiteral("-out"),
             path(QStringLiteral("intermediate.pem"))});
}

QSslCertificate TestCertificateAuthority::root() const
{
    QFile file(path(QStringLiteral("root.pem")));
    return QSslCertificate(file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray(),
                           QSsl::Pem);
}

std::optional<TestCertificateAuthority::Issued>
TestCertificateAuthority::issue(const QString &name, KeyType keyType, int validDays)
{
    const Issued issued{path(name + QStringLiteral("-chain.pem")),
                        path(name + QStringLiteral(".key"))};
    const QString csr = path(name + QStringLiteral(".csr"));
    const QString certificate = path(name + QStringLiteral(".pem"));
    if (!openssl(QStringList{QStringLiteral("req"), QStringLiteral("-nodes"),
                             QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                             QStringLiteral("-keyout"), issued.keyPath, QStringLiteral("-out"),
                             csr} +
                 keyOptions(keyType)) ||
        !openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr,
                  QStringLiteral("-CA"), path(QStringLiteral("intermediate.pem")),
                  QStringLiteral("-CAkey"), path(QStringLiteral("intermediate.key")),
                  QStringLiteral("-set_serial"), QString::number(++lastSerial_),
                  QStringLiteral("-days"), QString::number(validDays), QStringLiteral("-extfile"),
                  path(QStringLiteral("host.ext")), QStringLiteral("-out"), certificate}))
        return std::nullopt;
    QFile host(certificate);
    QFile intermediate(path(QStringLiteral("intermediate.pem")));
    if (!host.open(QIODevice::ReadOnly) || !intermediate.open(QIODevice::ReadOnly) ||
        !writeText(issued.chainPath, host.readAll() + intermediate.readAll())) {
        error_ = QStringLiteral("cannot write %1").arg(issued.chainPath);
        return std::nullopt;
    }
    return issued;
}

bool TestCertificateAuthority::openssl(const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(kOpensslTimeoutMs) ||
        process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        error_ = QStringLiteral("openssl %1 failed: %2 %3")
                     .arg(arguments.join(QLatin1Char(' ')), process.errorString(),
                          QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    return true;
}

QString TestCertificateAuthority::path(const QString &name) const
{
    return directory_ + QLatin1Char('/') + name;
}

} // namespace baton::test
