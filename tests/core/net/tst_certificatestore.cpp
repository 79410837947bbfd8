#include "core/net/CertificateStore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using baton::net::CertificateStore;

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
};

QTEST_GUILESS_MAIN(TestCertificateStore)
#include "tst_certificatestore.moc"
