#include "core/net/CertificateStore.h"

#include "core/net/Logging.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QStandardPaths>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <utility>

namespace baton::net {
namespace {

template <typename T, void (*Free)(T *)> struct OpenSslFree {
    void operator()(T *object) const { Free(object); }
};
using PKeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslFree<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslFree<BIO, BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslFree<BIGNUM, BN_free>>;
using ExtensionPtr =
    std::unique_ptr<X509_EXTENSION, OpenSslFree<X509_EXTENSION, X509_EXTENSION_free>>;

// A PEM file is a few hundred bytes; anything much larger is not ours.
constexpr qint64 kMaxPemBytes = qint64{64} * 1024;

std::optional<CertificateStore::Identity> fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(size));
}

BioPtr readOnlyBio(const QByteArray &bytes)
{
    return BioPtr(BIO_new_mem_buf(bytes.constData(), static_cast<int>(bytes.size())));
}

bool addExtension(X509 *certificate, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    const ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

// A random, positive 127-bit serial: RFC 5280 asks for unique serials of at most 20 bytes.
bool setRandomSerial(X509 *certificate)
{
    const BignumPtr serial(BN_new());
    if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1)
        return false;
    return BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate)) != nullptr;
}

X509Ptr makeSelfSigned(EVP_PKEY *key, const QString &commonName)
{
    X509Ptr certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), X509_VERSION_3) != 1 ||
        !setRandomSerial(certificate.get()))
        return nullptr;
    // An hour of slack so that a viewer whose clock is a little behind still accepts it.
    constexpr long kSecondsPerDay = 24L * 60 * 60;
    if (!X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600) ||
        !X509_gmtime_adj(X509_getm_notAfter(certificate.get()),
                         CertificateStore::kValidityDays * kSecondsPerDay))
        return nullptr;
    const QByteArray cn = commonName.toUtf8();
    X509_NAME *name = X509_get_subject_name(certificate.get());
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>(cn.constData()),
                                   static_cast<int>(cn.size()), -1, 0) != 1 ||
        X509_set_issuer_name(certificate.get(), name) != 1 ||
        X509_set_pubkey(certificate.get(), key) != 1)
        return nullptr;
    // No keyUsage extension: one without keyCertSign would make OpenSSL (and Qt's
    // isSelfSigned()) refuse to see the certificate as its own issuer.
    if (!addExtension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE") ||
        !addExtension(certificate.get(), NID_ext_key_usage, "serverAuth") ||
        !addExtension(certificate.get(), NID_subject_key_identifier, "hash"))
        return nullptr;
    if (X509_sign(certificate.get(), key, EVP_sha256()) <= 0)
        return nullptr;
    return certificate;
}

std::optional<QByteArray> readSmallFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxPemBytes)
        return std::nullopt;
    return file.readAll();
}

// Writes through a temporary file created with the final permissions, so that the key is
// never readable by others, not even for an instant, and a crash leaves no half file.
bool writeFileAtomically(const QString &path, const QByteArray &bytes,
                         QFileDevice::Permissions permissions, QString *error)
{
    const QString temporary = path + QStringLiteral(".new");
    QFile::remove(temporary);
    QFile file(temporary);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions) ||
        file.write(bytes) != bytes.size() || !file.flush()) {
        if (error)
            *error = QObject::tr("Cannot write %1: %2").arg(temporary, file.errorString());
        file.remove();
        return false;
    }
    file.close();
    QFile::remove(path);
    if (!QFile::rename(temporary, path)) {
        if (error)
            *error = QObject::tr("Cannot rename %1 to %2.").arg(temporary, path);
        return false;
    }
    return true;
}

// PEM_read_bio_PrivateKey()'s passphrase callback: none. Without one OpenSSL would ask
// for it on the terminal.
int noPassphrase(char * /*buffer*/, int /*size*/, int /*rwflag*/, void * /*userdata*/)
{
    return 0;
}

// Reads the key with OpenSSL and hands it to Qt as unencrypted PKCS#8 PEM, which Qt reads
// whatever PEM flavour (PKCS#1, SEC1, PKCS#8) the file was in.
std::optional<QSslKey> toQtKey(EVP_PKEY *key)
{
    QSsl::KeyAlgorithm algorithm = QSsl::Opaque;
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
        algorithm = QSsl::Rsa;
        break;
    case EVP_PKEY_EC:
        algorithm = QSsl::Ec;
        break;
    default:
        return std::nullopt;
    }
    const BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio ||
        PEM_write_bio_PKCS8PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return std::nullopt;
    QSslKey qtKey(bioContents(bio.get()), algorithm, QSsl::Pem);
    if (qtKey.isNull())
        return std::nullopt;
    return qtKey;
}

} // namespace

std::optional<CertificateStore::Identity>
CertificateStore::loadFromFiles(const QString &certificatePath, const QString &keyPath,
                                QString *error)
{
    const auto certificatePem = readSmallFile(certificatePath);
    if (!certificatePem)
        return fail(error,
                    QObject::tr("%1: cannot read the certificate file (missing, "
                                "unreadable or larger than %2 KiB).")
                        .arg(certificatePath)
                        .arg(kMaxPemBytes / 1024));
    const auto keyPem = readSmallFile(keyPath);
    if (!keyPem)
        return fail(error,
                    QObject::tr("%1: cannot read the key file (missing, unreadable or "
                                "larger than %2 KiB).")
                        .arg(keyPath)
                        .arg(kMaxPemBytes / 1024));

    const BioPtr certificateBio = readOnlyBio(*certificatePem);
    const X509Ptr certificate(
        certificateBio ? PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr)
                       : nullptr);
    QList<QSslCertificate> chain = QSslCertificate::fromData(*certificatePem, QSsl::Pem);
    if (!certificate || chain.isEmpty())
        return fail(error, QObject::tr("%1: not a PEM certificate.").arg(certificatePath));
    const BioPtr keyBio = readOnlyBio(*keyPem);
    const PKeyPtr key(keyBio ? PEM_read_bio_PrivateKey(keyBio.get(), nullptr, noPassphrase, nullptr)
                             : nullptr);
    if (!key)
        return fail(error,
                    QObject::tr("%1: not a PEM private key, or one protected by a "
                                "passphrase.")
                        .arg(keyPath));
    if (X509_check_private_key(certificate.get(), key.get()) != 1)
        return fail(error,
                    QObject::tr("%1: this key does not belong to the certificate in %2.")
                        .arg(keyPath, certificatePath));
    if (X509_cmp_current_time(X509_get0_notAfter(certificate.get())) <= 0)
        return fail(error,
                    QObject::tr("%1: the certificate expired on %2.")
                        .arg(certificatePath, chain.first().expiryDate().toString(Qt::ISODate)));
    if (X509_cmp_current_time(X509_get0_notBefore(certificate.get())) >= 0)
        return fail(error,
                    QObject::tr("%1: the certificate is not valid before %2.")
                        .arg(certificatePath, chain.first().effectiveDate().toString(Qt::ISODate)));
    auto qtKey = toQtKey(key.get());
    if (!qtKey)
        return fail(error, QObject::tr("%1: the key is neither RSA nor EC.").arg(keyPath));

    Identity identity;
    identity.certificate = chain.takeFirst();
    identity.privateKey = *qtKey;
    identity.fingerprint = fingerprintOf(identity.certificate);
    identity.intermediates = std::move(chain);
    return identity;
}

CertificateStore::CertificateStore(QString directory) : directory_(std::move(directory))
{
}

QString CertificateStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
        QStringLiteral("/tls");
}

QString CertificateStore::certificatePath() const
{
    return directory_ + QStringLiteral("/cert.pem");
}

QString CertificateStore::keyPath() const
{
    return directory_ + QStringLiteral("/key.pem");
}

QByteArray CertificateStore::fingerprintOf(const QSslCertificate &certificate)
{
    return certificate.digest(QCryptographicHash::Sha256);
}

std::optional<CertificateStore::Identity> CertificateStore::generate(const QString &commonName,
                                                                     QString *error)
{
    const PKeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key)
        return fail(error, QObject::tr("Cannot generate an ECDSA P-256 key."));
    const X509Ptr certificate = makeSelfSigned(key.get(), commonName);
    if (!certificate)
        return fail(error, QObject::tr("Cannot create a self-signed certificate."));

    const BioPtr certificateBio(BIO_new(BIO_s_mem()));
    const BioPtr keyBio(BIO_new(BIO_s_mem()));
    if (!certificateBio || !keyBio ||
        PEM_write_bio_X509(certificateBio.get(), certificate.get()) != 1 ||
        PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
            1)
        return fail(error, QObject::tr("Cannot encode the new certificate."));

    Identity identity;
    identity.certificate = QSslCertificate(bioContents(certificateBio.get()), QSsl::Pem);
    identity.privateKey = QSslKey(bioContents(keyBio.get()), QSsl::Ec, QSsl::Pem);
    if (identity.certificate.isNull() || identity.privateKey.isNull())
        return fail(error, QObject::tr("Qt's TLS backend cannot read the new certificate."));
    identity.fingerprint = fingerprintOf(identity.certificate);
    return identity;
}

std::optional<CertificateStore::Identity> CertificateStore::loadOrCreate(QString *error) const
{
    if (QFileInfo::exists(certificatePath())) {
        auto identity = load(error);
        if (!identity || identity->certificate.expiryDate() > QDateTime::currentDateTimeUtc())
            return identity;
        qCWarning(lcNet) << "host certificate in" << directory_ << "expired on"
                         << identity->certificate.expiryDate() << "- creating a new one";
    }
    // The certificate is what invite links pin; without it nothing is lost by starting
    // over, even if a key from an interrupted first run is still there.
    auto identity = generate(QStringLiteral("Baton host"), error);
    if (!identity || !save(*identity, error))
        return std::nullopt;
    qCInfo(lcNet) << "created host certificate" << identity->fingerprint.toHex() << "in"
                  << directory_;
    return identity;
}

std::optional<CertificateStore::Identity> CertificateStore::load(QString *error) const
{
    const QString unusable = QObject::tr("The host certificate in %1 cannot be used (%2). Move the "
                                         "folder away to create a new one; links you gave out "
                                         "will stop working.");
    const auto certificatePem = readSmallFile(certificatePath());
    const auto keyPem = readSmallFile(keyPath());
    if (!certificatePem || !keyPem)
        return fail(error,
                    unusable.arg(directory_, QObject::tr("a file is missing or unreadable")));

    // Parse with OpenSSL too, to check that the key belongs to the certificate.
    const BioPtr certificateBio = readOnlyBio(*certificatePem);
    const BioPtr keyBio = readOnlyBio(*keyPem);
    const X509Ptr certificate(
        certificateBio ? PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr)
                       : nullptr);
    const PKeyPtr key(keyBio ? PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr)
                             : nullptr);
    if (!certificate || !key)
        return fail(error, unusable.arg(directory_, QObject::tr("not valid PEM")));
    if (X509_check_private_key(certificate.get(), key.get()) != 1)
        return fail(
            error, unusable.arg(directory_, QObject::tr("the key does not match the certificate")));

    Identity identity;
    identity.certificate = QSslCertificate(*certificatePem, QSsl::Pem);
    identity.privateKey = QSslKey(*keyPem, QSsl::Ec, QSsl::Pem);
    if (identity.certificate.isNull() || identity.privateKey.isNull())
        return fail(error, unusable.arg(directory_, QObject::tr("not an ECDSA certificate")));
    identity.fingerprint = fingerprintOf(identity.certificate);
    return identity;
}

bool CertificateStore::save(const Identity &identity, QString *error) const
{
    if (!QDir().mkpath(directory_)) {
        if (error)
            *error = QObject::tr("Cannot create the folder %1.").arg(directory_);
        return false;
    }
    QFile::setPermissions(directory_,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return writeFileAtomically(keyPath(), identity.privateKey.toPem(),
                               QFileDevice::ReadOwner | QFileDevice::WriteOwner, error) &&
        writeFileAtomically(certificatePath(), identity.certificate.toPem(),
                            QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                QFileDevice::ReadGroup | QFileDevice::ReadOther,
                            error);
}

} // namespace baton::net
