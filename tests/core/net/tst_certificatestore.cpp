#include "TestCertificateAuthority.h"
#include "core/net/CertificateStore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using baton::net::CertificateStore;
using baton::test::TestCertificateAuthority;

class TestCertificateStore : public QObject {
    Q_OBJECT
private slots:
    void createsThenReusesAcrossRestarts()
    {
        QTemporaryDir home;
        const QString dir = home.filePath(QStringLiteral("config/baton/tls"));
        QString error;
        const auto first = CertificateStore(dir).loadOrCreate(&error);
        QVERIFY2(first, qPrintable(error));

        QCOMPARE(first->fingerprint.size(), 32);
        QCOMPARE(first->fingerprint,
                 QCryptographicHash::hash(first->certificate.toDer(), QCryptographicHash::Sha256));
        QCOMPARE(first->privateKey.algorithm(), QSsl::Ec);
        QCOMPARE(first->privateKey.length(), 256);
        QCOMPARE(first->certificate.publicKey().algorithm(), QSsl::Ec);
        QVERIFY(first->certificate.isSelfSigned());
        QVERIFY(first->certificate.expiryDate() > QDateTime::currentDateTimeUtc().addYears(5));

        // A second start (a new store object, as after a restart) reads the same identity.
        const auto second = CertificateStore(dir).loadOrCreate(&error);
        QVERIFY2(second, qPrintable(error));
        QCOMPARE(second->fingerprint, first->fingerprint);
        QCOMPARE(second->privateKey.toDer(), first->privateKey.toDer());
    }

    void keyFileIsPrivate()
    {
        QTemporaryDir home;
        const CertificateStore store(home.filePath(QStringLiteral("tls")));
        QVERIFY(store.loadOrCreate());
        struct stat info { };
        QCOMPARE(::stat(QFile::encodeName(store.keyPath()).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
        QCOMPARE(::stat(QFile::encodeName(store.directory()).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0700u);
        QVERIFY(!QFile::exists(store.keyPath() + QStringLiteral(".new")));
    }

    void twoStoresHaveDifferentIdentities()
    {
        QTemporaryDir home;
        const auto a = CertificateStore(home.filePath(QStringLiteral("a"))).loadOrCreate();
        const auto b = CertificateStore(home.filePath(QStringLiteral("b"))).loadOrCreate();
        QVERIFY(a && b);
        QVERIFY(a->fingerprint != b->fingerprint);
        QVERIFY(a->certificate.serialNumber() != b->certificate.serialNumber());
    }

    void damagedStoreIsReportedNotOverwritten()
    {
        QTemporaryDir home;
        const CertificateStore store(home.filePath(QStringLiteral("tls")));
        QVERIFY(store.loadOrCreate());
        const auto other = CertificateStore::generate(QStringLiteral("other"));
        QVERIFY(other);
        QFile key(store.keyPath());
        QVERIFY(key.open(QIODevice::WriteOnly | QIODevice::Truncate));
        key.write(other->privateKey.toPem());
        key.close();

        QString error;
        QVERIFY(!store.loadOrCreate(&error));
        QVERIFY2(error.contains(QLatin1String("does not match")), qPrintable(error));
        QVERIFY(QFile(store.keyPath()).open(QIODevice::ReadOnly));
        QFile check(store.keyPath());
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), other->privateKey.toPem());

        QVERIFY(QFile::remove(store.keyPath()));
        QVERIFY(!store.loadOrCreate(&error));
        QVERIFY2(error.contains(QLatin1String("missing")), qPrintable(error));
    }

    void missingCertificateStartsOver()
    {
        QTemporaryDir home;
        const CertificateStore store(home.filePath(QStringLiteral("tls")));
        const auto first = store.loadOrCreate();
        QVERIFY(first);
        QVERIFY(QFile::remove(store.certificatePath()));
        const auto second = store.loadOrCreate();
        QVERIFY(second);
        QVERIFY(second->fingerprint != first->fingerprint);
    }

    // A certificate from a CA: the host's certificate pinned by the fingerprint, the
    // intermediate kept to be sent after it, an RSA or an EC key.
    void loadsACaCertificateAndChain_data()
    {
        QTest::addColumn<TestCertificateAuthority::KeyType>("keyType");
        QTest::addColumn<QSsl::KeyAlgorithm>("algorithm");
        QTest::newRow("rsa") << TestCertificateAuthority::KeyType::Rsa << QSsl::Rsa;
        QTest::newRow("ec") << TestCertificateAuthority::KeyType::Ec << QSsl::Ec;
    }
    void loadsACaCertificateAndChain()
    {
        QFETCH(TestCertificateAuthority::KeyType, keyType);
        QFETCH(QSsl::KeyAlgorithm, algorithm);
        QVERIFY2(ca_.isValid(), qPrintable(ca_.error()));
        const auto issued =
            ca_.issue(QStringLiteral("host-%1").arg(QTest::currentDataTag()), keyType);
        QVERIFY2(issued, qPrintable(ca_.error()));

        QString error;
        const auto identity =
            CertificateStore::loadFromFiles(issued->chainPath, issued->keyPath, &error);
        QVERIFY2(identity, qPrintable(error));
        QCOMPARE(identity->certificate.subjectInfo(QSslCertificate::CommonName),
                 QStringList{QStringLiteral("localhost")});
        QCOMPARE(
            identity->fingerprint,
            QCryptographicHash::hash(identity->certificate.toDer(), QCryptographicHash::Sha256));
        QCOMPARE(identity->privateKey.algorithm(), algorithm);
        QCOMPARE(identity->certificate.publicKey().algorithm(), algorithm);
        QCOMPARE(identity->intermediates.size(), 1);
        QCOMPARE(identity->intermediates.first().subjectInfo(QSslCertificate::CommonName),
                 QStringList{QStringLiteral("Baton Test Intermediate CA")});
    }

    // Each refusal names the file at fault, before any viewer comes.
    void refusesUnusableFiles_data()
    {
        QTest::addColumn<QString>("certificate");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("named");
        QTest::addColumn<QString>("message");
        QVERIFY2(ca_.isValid(), qPrintable(ca_.error()));
        const auto good = ca_.issue(QStringLiteral("good"), TestCertificateAuthority::KeyType::Ec);
        const auto other =
            ca_.issue(QStringLiteral("other"), TestCertificateAuthority::KeyType::Rsa);
        const auto expired =
            ca_.issue(QStringLiteral("expired"), TestCertificateAuthority::KeyType::Ec, -1);
        QVERIFY2(good && other && expired, qPrintable(ca_.error()));
        const QString missing = dir_.filePath(QStringLiteral("missing.pem"));
        const QString garbage = dir_.filePath(QStringLiteral("garbage.pem"));
        QFile garbageFile(garbage);
        QVERIFY(garbageFile.open(QIODevice::WriteOnly));
        garbageFile.write("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        garbageFile.close();
        const QString encrypted = dir_.filePath(QStringLiteral("encrypted.key"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("pkey"), QStringLiteral("-in"), good->keyPath,
                       QStringLiteral("-aes256"), QStringLiteral("-passout"),
                       QStringLiteral("pass:secret"), QStringLiteral("-out"), encrypted});
        QVERIFY(openssl.waitForFinished(60000) && openssl.exitCode() == 0);

        QTest::newRow("certificate missing")
            << missing << good->keyPath << missing << QStringLiteral("cannot read");
        QTest::newRow("key missing")
            << good->chainPath << missing << missing << QStringLiteral("cannot read");
        QTest::newRow("certificate not PEM")
            << garbage << good->keyPath << garbage << QStringLiteral("not a PEM certificate");
        QTest::newRow("key not PEM")
            << good->chainPath << garbage << garbage << QStringLiteral("not a PEM private key");
        QTest::newRow("key encrypted")
            << good->chainPath << encrypted << encrypted << QStringLiteral("passphrase");
        QTest::newRow("key of another certificate")
            << good->chainPath << other->keyPath << other->keyPath
            << QStringLiteral("does not belong");
        QTest::newRow("expired") << expired->chainPath << expired->keyPath << expired->chainPath
                                 << QStringLiteral("expired on");
    }
    void refusesUnusableFiles()
    {
        QFETCH(QString, certificate);
        QFETCH(QString, key);
        QFETCH(QString, named);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!CertificateStore::loadFromFiles(certificate, key, &error));
        QVERIFY2(error.startsWith(named + QLatin1String(": ")), qPrintable(error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

private:
    QTemporaryDir dir_;
    TestCertificateAuthority ca_{dir_.path()};
};

QTEST_GUILESS_MAIN(TestCertificateStore)
#include "tst_certificatestore.moc"
