// The pieces of ISSD's security that need no network: the HMAC test vector (computed
// independently with Python's hashlib), the salted secret store, the token bucket and
// the auth back-off and how refusals are logged.

#include "core/issd/IssdAuthBackoff.h"
#include "core/issd/IssdAuthenticator.h"
#include "core/issd/IssdRefusalLog.h"
#include "core/issd/IssdSecretStore.h"
#include "core/common/TokenBucket.h"

#include <QTemporaryDir>
#include <QTest>

using namespace baton::issd;

class TestIssdAuth : public QObject {
    Q_OBJECT

private slots:
    void hmacTestVector()
    {
        // K = PBKDF2-HMAC-SHA256("correct horse battery staple", bytes 0..15, 1000 iterations, 32
        // bytes)
        QByteArray salt;
        for (int i = 0; i < 16; ++i)
            salt.append(char(i));
        const QByteArray key =
            IssdSecretStore::deriveKey("correct horse battery staple", salt, 1000);
        QCOMPARE(key.toHex(),
                 QByteArray("a69b179e3add3c1e0aaf227a0eb3aa2aa8645ab86fecf6ca00c17512697c719e"));
        const AuthTranscript transcript{QStringLiteral("3f9a6c0e1b2d4a57"), QStringLiteral("panel"),
                                        QStringLiteral("AAECAwQFBgcICQoLDA0ODxAR"),
                                        QStringLiteral("EhMUFRYXGBkaGxwdHh8gISIj"),
                                        QStringLiteral("none")};
        QCOMPARE(transcript.message(),
                 QByteArray("ISSD/1 AUTH 3f9a6c0e1b2d4a57 panel AAECAwQFBgcICQoLDA0ODxAR "
                            "EhMUFRYXGBkaGxwdHh8gISIj none"));
        QCOMPARE(IssdAuthenticator::clientProof(key, transcript).toHex(),
                 QByteArray("a48fcee76bacb61baac7f2c80d8c046d2410bea905328e6f47bc6205d134d9f0"));
        QCOMPARE(IssdAuthenticator::serverProof(key, transcript).toHex(),
                 QByteArray("8e456009e6ec124aaaa1fecbecd71f65088328c89d6ce5343689906eff5134c3"));
        QCOMPARE(IssdAuthenticator::eventKey(key, transcript).toHex(),
                 QByteArray("b6f9d04a4ee977928db3f2d220daaa14a0176cf816c7472160cf4ebae1983371"));
    }

    void authenticatorAcceptsOnlyTheRightProofOnce()
    {
        IssdSecretStore store;
        store.setSecret(QStringLiteral("panel"), "s3cret", 1000);
        IssdAuthenticator server(store, QStringLiteral("0011223344556677"), QStringLiteral("none"),
                                 "seed");
        const QString cn = IssdAuthenticator::randomNonce();
        const auto challenge = server.begin(QStringLiteral("panel"), cn);
        const QByteArray key = IssdSecretStore::deriveKey(
            "s3cret",
            QByteArray::fromBase64(challenge.salt.toLatin1(), QByteArray::Base64UrlEncoding),
            challenge.iterations);
        const AuthTranscript transcript{QStringLiteral("0011223344556677"), QStringLiteral("panel"),
                                        cn, challenge.serverNonce, QStringLiteral("none")};
        const QByteArray proof = IssdAuthenticator::clientProof(key, transcript).toHex();
        QVERIFY(!server.finish(QByteArray(64, 'f')));
        QVERIFY(!server.finish(proof)); // one proof per challenge
        server.begin(QStringLiteral("panel"), cn);
        QVERIFY(!server.finish(proof)); // a new server nonce: the old proof is worthless
        const auto again = server.begin(QStringLiteral("panel"), cn);
        const AuthTranscript fresh{QStringLiteral("0011223344556677"), QStringLiteral("panel"), cn,
                                   again.serverNonce, QStringLiteral("none")};
        const auto success = server.finish(IssdAuthenticator::clientProof(key, fresh).toHex());
        QVERIFY(success);
        QCOMPARE(success->serverProof, IssdAuthenticator::serverProof(key, fresh).toHex());
    }

    void unknownKeyGetsAStableDecoy()
    {
        IssdSecretStore store;
        IssdAuthenticator server(store, QStringLiteral("id"), QStringLiteral("none"), "seed");
        const auto a = server.begin(QStringLiteral("ghost"), IssdAuthenticator::randomNonce());
        const auto b = server.begin(QStringLiteral("ghost"), IssdAuthenticator::randomNonce());
        QCOMPARE(a.salt, b.salt); // probing twice does not reveal that the key is unknown
        QCOMPARE(a.iterations, IssdSecretStore::kDefaultIterations);
    }

    void constantTimeEquals()
    {
        QVERIFY(IssdAuthenticator::constantTimeEquals("abc", "abc"));
        QVERIFY(!IssdAuthenticator::constantTimeEquals("abc", "abd"));
        QVERIFY(!IssdAuthenticator::constantTimeEquals("abc", "ab"));
    }

    void nonces()
    {
        QVERIFY(IssdAuthenticator::isValidNonce(IssdAuthenticator::randomNonce()));
        QVERIFY(!IssdAuthenticator::isValidNonce(QStringLiteral("short")));
        QVERIFY(!IssdAuthenticator::isValidNonce(QStringLiteral("AAECAwQFBgcICQoLDA0ODxAR!")));
        QVERIFY(IssdAuthenticator::randomNonce() != IssdAuthenticator::randomNonce());
    }

    void secretStoreKeepsOnlySaltedKeys()
    {
        IssdSecretStore store;
        store.setSecret(QStringLiteral("default"), "hunter2-but-longer", 1000);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keys"));
        QString error;
        QVERIFY(store.save(path, &error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(!text.contains("hunter2"));
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        const auto loaded = IssdSecretStore::load(path, &error);
        QVERIFY2(loaded, qPrintable(error));
        const auto entry = loaded->find(QStringLiteral("default"));
        QVERIFY(entry);
        QCOMPARE(entry->key, IssdSecretStore::deriveKey("hunter2-but-longer", entry->salt, 1000));
    }

    void secretStoreRejectsBadFiles_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("not hmac") << QByteArray("SCRAM key=a s=AAAAAAAAAAA i=1000 k=AAAA\n");
        QTest::newRow("short key")
            << QByteArray("HMAC-SHA256 key=a s=AAECAwQFBgcICQoL i=1000 k=AAAA\n");
        QTest::newRow("few iterations")
            << QByteArray("HMAC-SHA256 key=a s=AAECAwQFBgcICQoL i=10 "
                          "k=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8\n");
        QTest::newRow("bad key id")
            << QByteArray("HMAC-SHA256 key=A! s=AAECAwQFBgcICQoL i=1000 "
                          "k=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8\n");
    }
    void secretStoreRejectsBadFiles()
    {
        QFETCH(QByteArray, text);
        QString error;
        QVERIFY(!IssdSecretStore::parse(text, &error));
        QVERIFY(error.startsWith(QLatin1String("line 1: ")));
    }

    void tokenBucket()
    {
        std::chrono::milliseconds now{0};
        baton::TokenBucket bucket(20, 40, [&] { return now; });
        int taken = 0;
        while (bucket.tryTake())
            ++taken;
        QCOMPARE(taken, 40);
        QCOMPARE(bucket.retryAfterSeconds(), 1);
        now += std::chrono::milliseconds(100); // two tokens flow in
        QVERIFY(bucket.tryTake());
        QVERIFY(bucket.tryTake());
        QVERIFY(!bucket.tryTake());
        now += std::chrono::seconds(60);
        taken = 0;
        while (bucket.tryTake())
            ++taken;
        QCOMPARE(taken, 40); // never more than the burst
    }

    void authBackoffDoublesUpToTheMaximum()
    {
        std::chrono::milliseconds now{0};
        IssdAuthBackoff backoff(
            {std::chrono::milliseconds(1000), std::chrono::milliseconds(60000), 2},
            [&] { return now; });
        const QHostAddress a(QStringLiteral("192.0.2.1"));
        QCOMPARE(backoff.waitFor(a).count(), 0);
        backoff.recordFailure(a);
        QCOMPARE(backoff.waitFor(a).count(), 1000);
        backoff.recordFailure(a);
        QCOMPARE(backoff.waitFor(a).count(), 2000);
        for (int i = 0; i < 10; ++i)
            backoff.recordFailure(a);
        QCOMPARE(backoff.waitFor(a).count(), 60000);
        backoff.recordSuccess(a);
        QCOMPARE(backoff.waitFor(a).count(), 0);
    }

    void authBackoffGroupsLikeTheHostLimiter_data()
    {
        QTest::addColumn<QString>("failed");
        QTest::addColumn<QString>("other");
        QTest::addColumn<bool>("waits");
        QTest::newRow("same /64") << "2001:db8:1:2::1"
                                  << "2001:db8:1:2:ffff:ffff:ffff:ffff" << true;
        QTest::newRow("next /64") << "2001:db8:1:2::1"
                                  << "2001:db8:1:3::1" << false;
        QTest::newRow("IPv4-mapped is IPv4") << "::ffff:192.0.2.7"
                                             << "192.0.2.7" << true;
        QTest::newRow("IPv4 neighbour") << "192.0.2.7"
                                        << "192.0.2.8" << false;
    }

    void authBackoffGroupsLikeTheHostLimiter()
    {
        QFETCH(QString, failed);
        QFETCH(QString, other);
        QFETCH(bool, waits);
        std::chrono::milliseconds now{0};
        IssdAuthBackoff backoff(
            {std::chrono::milliseconds(1000), std::chrono::milliseconds(60000), 16},
            [&] { return now; });
        backoff.recordFailure(QHostAddress(failed));
        QCOMPARE(backoff.waitFor(QHostAddress(other)).count() > 0, waits);
        // A success anywhere in the group clears the whole group's wait.
        backoff.recordSuccess(QHostAddress(other));
        QCOMPARE(backoff.waitFor(QHostAddress(failed)).count() == 0, waits);
    }

    void refusalLogSummarisesAFlood()
    {
        QStringList lines;
        IssdRefusalLog log(std::chrono::milliseconds(200),
                           [&](const QString &line) { lines.append(line); });
        log.note(QStringLiteral("refused (too many connections)"),
                 QHostAddress(QStringLiteral("192.0.2.1")));
        QCOMPARE(lines, QStringList{QStringLiteral("192.0.2.1 refused (too many connections)")});
        for (int i = 0; i < 1000; ++i)
            log.note(i % 2 ? QStringLiteral("failed AUTH") : QStringLiteral("cut (idle too long)"),
                     QHostAddress(QStringLiteral("192.0.2.2")));
        QCOMPARE(lines.size(), 1); // nothing more until the interval ends
        QTRY_COMPARE_WITH_TIMEOUT(lines.size(), 2, 10000);
        QCOMPARE(lines[1],
                 QStringLiteral("1000 more refusal(s) in the last 0.2 s: cut (idle too long) x500, "
                                "failed AUTH x500; the last from 192.0.2.2"));
        // Once an interval passes without refusals, the next one is logged at once again.
        QTRY_VERIFY_WITH_TIMEOUT(!log.summarising(), 10000);
        QCOMPARE(lines.size(), 2);
        log.note(QStringLiteral("failed AUTH"), QHostAddress(QStringLiteral("192.0.2.3")));
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[2], QStringLiteral("192.0.2.3 failed AUTH"));
    }
};

QTEST_GUILESS_MAIN(TestIssdAuth)
#include "tst_issdauth.moc"
