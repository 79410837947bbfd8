// The ISSD agent and client over loopback TLS: every command and reply code, the
// login's security properties, and that abusive peers do not stop well-behaved ones.

#include "IssdTestSupport.h"
#include "core/issd/IssdAuthenticator.h"
#include "core/issd/IssdSubscriptions.h"

#include <QSignalSpy>
#include <QUdpSocket>

using namespace baton;
using namespace baton::issd;
using namespace baton::issd::test;

class TestIssdAgent : public QObject {
    Q_OBJECT

    struct Fixture {
        explicit Fixture(IssdAgentConfig config = testConfig(), bool plugins = true)
            : system(makeFakeSystem(&backend, &ddc)),
              agent(std::move(config), testSecrets(), system)
        {
            agent.setTlsIdentity(testIdentity().certificate, testIdentity().privateKey);
            if (plugins) {
                agent.setIdentifier(&identifier);
                agent.setSnapshotter(&snapshotter);
                agent.setShareDisplay(&share);
            }
            QString error;
            started = agent.start(&error);
            if (!started)
                qWarning() << error;
        }
        MemoryDisplayBackend *backend = nullptr;
        MemoryDdc *ddc = nullptr;
        display::DisplaySystem system;
        RecordingIdentifier identifier;
        PatternSnapshotter snapshotter;
        FakeShareDisplay share;
        IssdAgent agent;
        bool started = false;
    };

    static void expectCode(IssdClient &client, const QString &line, int code)
    {
        const auto response = call(client, line);
        QVERIFY2(
            response.code == code,
            qPrintable(
                QStringLiteral("%1 -> %2 (expected %3)").arg(line, response.toString()).arg(code)));
    }

private slots:
    void loginIsEncryptedAndMutual()
    {
        Fixture f;
        QVERIFY(f.started);
        const auto client = login(f.agent.tcpPort());
        QVERIFY(client->isReady());
        QVERIFY(client->isEncrypted());
        QCOMPARE(client->peerFingerprint(), testIdentity().fingerprint);
        QCOMPARE(client->serverId(), f.agent.serverId());
        QVERIFY(client->capabilities().contains(
            QStringLiteral("features=layout,ddc,snapshot,identify,share-baton,udp-events")));
        const auto list = call(*client, QStringLiteral("LIST"));
        QCOMPARE(list.toString(), QStringLiteral("250 OK 2 displays"));
        QCOMPARE(list.data.size(), 2);
        QVERIFY(list.data[0].startsWith(
            QLatin1String("display=1 id=TST.0001.00000001 connector=FAKE-1")));
    }

    void everyCommandAnswersWithItsCode()
    {
        IssdAgentConfig config = testConfig();
        config.commandBurst = 200; // the script is longer than the default burst
        Fixture f(config);
        const auto client = login(f.agent.tcpPort());
        QVERIFY(client->isReady());
        const QList<std::pair<QString, int>> script = {
            {QStringLiteral("NOOP"), 250},
            {QStringLiteral("INFO"), 250},
            {QStringLiteral("INFO 2"), 250},
            {QStringLiteral("INFO *"), 501},
            {QStringLiteral("LIST"), 250},
            {QStringLiteral("GET 1 mode,position,rotation,primary"), 250},
            {QStringLiteral("GET id:TST.0002.00000002 *"), 250},
            {QStringLiteral("GET name:FAKE-2 brightness,contrast,input,power"), 250},
            {QStringLiteral("GET 9 mode"), 550},
            {QStringLiteral("GET bogus mode"), 501},
            {QStringLiteral("GET 1 brightness"), 504},
            {QStringLiteral("GET 1 frobness"), 504},
            {QStringLiteral("SET 1 mode=1280x720@50"), 250},
            {QStringLiteral("SET 1 mode=1024x768"), 501},
            {QStringLiteral("SET 1 mode=huge"), 501},
            {QStringLiteral("SET 1 rotation=90"), 504},
            {QStringLiteral("SET 2 rotation=90 position=1920,0 primary=yes"), 250},
            {QStringLiteral("SET 1 id=x"), 501},
            {QStringLiteral("SET 1 frobness=1"), 504},
            {QStringLiteral("SET 1 power=standby"), 504},
            {QStringLiteral("SET 2 brightness=140"), 501},
            {QStringLiteral("SET 2 brightness=40 contrast=50 input=dp1"), 250},
            {QStringLiteral("SET 2 power=off"), 551},
            {QStringLiteral("SET 2 power=standby"), 250},
            {QStringLiteral("SET 2 brightness=41"), 453},
            {QStringLiteral("SET 2 power=on"), 250},
            {QStringLiteral("SET 2 power=off force=yes"), 250},
            {QStringLiteral("SET 2 power=on label=\"Lectern\""), 250},
            {QStringLiteral("SET 1 label=x revert=15"), 501},
            {QStringLiteral("SET 1 mode=1920x1080 revert=4"), 501},
            {QStringLiteral("SET 1 mode=1920x1080 revert=15"), 202},
            {QStringLiteral("CONFIRM 1"), 250},
            {QStringLiteral("CONFIRM 1"), 503},
            {QStringLiteral("CONFIRM x"), 501},
            {QStringLiteral("IDENTIFY * seconds=3 text=\"Room 4\""), 250},
            {QStringLiteral("IDENTIFY 1 seconds=99"), 501},
            {QStringLiteral("SNAPSHOT 1 max=160x90 format=png"), 250},
            {QStringLiteral("SNAPSHOT 1"), 452},
            {QStringLiteral("SNAPSHOT 1 format=gif"), 501},
            {QStringLiteral("JOIN 1 baton://192.0.2.7:1627/deck?fp=") + QString(64, u'a') +
                 QStringLiteral("&code=7-44-19"),
             202},
            {QStringLiteral("JOIN 1 t120://laptop:1503/deck"), 501},
            {QStringLiteral("LEAVE 1"), 250},
            {QStringLiteral("LEAVE 1"), 453},
            {QStringLiteral("SUBSCRIBE prop,op"), 250},
            {QStringLiteral("SUBSCRIBE nonsense"), 501},
            {QStringLiteral("UNSUBSCRIBE 42"), 501},
            {QStringLiteral("UNSUBSCRIBE *"), 250},
            {QStringLiteral("SHOW 1"), 502},
            {QStringLiteral("FROB 2"), 502},
            {QStringLiteral("HELLO 2"), 505},
            {QStringLiteral("STARTTLS"), 503},
            {QStringLiteral("AUTH HMAC-SHA256 key=default cn=AAECAwQFBgcICQoLDA0ODxAR"), 503},
        };
        for (const auto &[line, code] : script)
            expectCode(*client, line, code);
        QCOMPARE(f.ddc->values[0x10], 80); // 40 % of 200
        QCOMPARE(f.ddc->values[0x60], 0x0F);
        QCOMPARE(f.identifier.shown.size(), 2);
        QCOMPARE(f.identifier.shown[0].text, QStringLiteral("Room 4"));
        expectCode(*client, QStringLiteral("QUIT"), 221);
    }

    void getReportsRealValuesOnly()
    {
        Fixture f;
        const auto client = login(f.agent.tcpPort());
        const auto all = call(*client, QStringLiteral("GET 1 *"));
        QVERIFY(all.data.contains(QStringLiteral("mode=1920x1080@60")));
        QVERIFY(all.data.contains(QStringLiteral("ddc=no")));
        for (const QString &line :
             all.data) // FAKE-1 has no DDC and no DPMS: no power, no brightness
            QVERIFY2(!line.startsWith(QLatin1String("power")) &&
                         !line.startsWith(QLatin1String("brightness")),
                     qPrintable(line));
        const auto ddc =
            call(*client, QStringLiteral("GET 2 brightness,input,power-off-recoverable"));
        QCOMPARE(ddc.data,
                 (QStringList{QStringLiteral("brightness=70"), QStringLiteral("input=hdmi1"),
                              QStringLiteral("power-off-recoverable=no")}));
    }

    void snapshotIsADecodableThumbnail()
    {
        Fixture f;
        const auto client = login(f.agent.tcpPort());
        const auto shot =
            call(*client, QStringLiteral("SNAPSHOT 1 max=320x320 format=jpeg quality=70"));
        QCOMPARE(shot.code, 250);
        QVERIFY(
            shot.data.first().startsWith(QLatin1String("format=jpeg width=320 height=180 bytes=")));
        QByteArray base64;
        for (const QString &line : shot.data.mid(1)) {
            QVERIFY(line.size() <= 76);
            base64 += line.toLatin1();
        }
        QImage image;
        QVERIFY(image.loadFromData(QByteArray::fromBase64(base64), "JPEG"));
        QCOMPARE(image.size(), QSize(320, 180));
    }

    void headlessAgentRefusesWhatItCannotDo()
    {
        Fixture f(testConfig(), false);
        const auto client = login(f.agent.tcpPort());
        QVERIFY(client->capabilities().contains(QStringLiteral("features=layout,ddc,udp-events")));
        const auto identify = call(*client, QStringLiteral("IDENTIFY *"));
        QCOMPARE(identify.code, 504);
        QVERIFY(identify.text.contains(QLatin1String("baton --agent")));
        QCOMPARE(call(*client, QStringLiteral("SNAPSHOT 1")).code, 504);
        QCOMPARE(
            call(*client, QStringLiteral("JOIN 1 baton://h:1627/s?fp=") + QString(64, u'b')).code,
            504);
        QCOMPARE(call(*client, QStringLiteral("LEAVE 1")).code, 504);
    }

    void setIsOneTransactionAndAllOrNothing()
    {
        Fixture f;
        const auto client = login(f.agent.tcpPort());
        const int before = f.backend->transactions;
        QCOMPARE(
            call(*client, QStringLiteral("SET 2 mode=1280x720 rotation=180 position=1920,0")).code,
            250);
        QCOMPARE(f.backend->transactions, before + 1);
        f.backend->failNext = true;
        QCOMPARE(call(*client, QStringLiteral("SET 2 mode=1920x1080 rotation=0")).code, 554);
        const auto after = call(*client, QStringLiteral("GET 2 mode,rotation"));
        QCOMPARE(after.data,
                 (QStringList{QStringLiteral("mode=1280x720@60"), QStringLiteral("rotation=180")}));
    }

    void unconfirmedChangeReverts()
    {
        Fixture f;
        const auto client = login(f.agent.tcpPort());
        QList<Event> events;
        connect(client.get(), &IssdClient::eventReceived, this,
                [&](const Event &e) { events.append(e); });
        QCOMPARE(call(*client, QStringLiteral("SUBSCRIBE *")).code, 250);
        const auto set = call(*client, QStringLiteral("SET 1 mode=1280x720@60 revert=5"));
        QCOMPARE(set.toString(), QStringLiteral("202 OK op=1 revert-in=5"));
        QVERIFY(waitFor([&] { return !events.isEmpty(); }));
        QCOMPARE(events.first().type, QStringLiteral("prop"));
        QCOMPARE(events.first().args.value(u"mode"), QStringLiteral("1280x720@60"));
        QCOMPARE(events.first().args.value(u"by"), client->sessionName());
        QVERIFY(waitFor(
            [&] {
                return std::any_of(events.begin(), events.end(), [](const Event &e) {
                    return e.args.value(u"state") == u"reverted";
                });
            },
            9000));
        QCOMPARE(call(*client, QStringLiteral("GET 1 mode")).data,
                 QStringList{QStringLiteral("mode=1920x1080@60")});
    }

    void confirmedChangeStays()
    {
        Fixture f;
        const auto client = login(f.agent.tcpPort());
        QCOMPARE(call(*client, QStringLiteral("SET 1 mode=1280x720@60 revert=5")).code, 202);
        QCOMPARE(call(*client, QStringLiteral("CONFIRM 1")).toString(),
                 QStringLiteral("250 OK kept"));
        QTest::qWait(5500);
        QCOMPARE(call(*client, QStringLiteral("GET 1 mode")).data,
                 QStringList{QStringLiteral("mode=1280x720@60")});
    }

    void wrongSecretIsRefused()
    {
        Fixture f;
        QString failure;
        const auto client = login(f.agent.tcpPort(), "wrong", true, &failure);
        QVERIFY(!client->isReady());
        QVERIFY2(failure.contains(QLatin1String("535 E_AUTH")), qPrintable(failure));
        QVERIFY(login(f.agent.tcpPort())->isReady());
    }

    void unknownKeyLooksLikeAWrongSecret()
    {
        Fixture f(testConfig(TlsPolicy::Optional));
        RawConnection raw(f.agent.tcpPort());
        QVERIFY(raw.line().startsWith("220 OK ISSD/1"));
        raw.send("HELLO 1\r\n");
        QVERIFY(raw.finalLine().startsWith("250 OK"));
        raw.send("AUTH HMAC-SHA256 key=nobody cn=AAECAwQFBgcICQoLDA0ODxAR\r\n");
        QVERIFY(raw.finalLine().startsWith("334 OK s="));
        raw.send(QByteArray(64, 'a') + "\r\n");
        QCOMPARE(raw.finalLine(), QByteArray("535 E_AUTH authentication failed"));
    }

    void tooManyFailuresClose()
    {
        Fixture f(testConfig(TlsPolicy::Optional));
        RawConnection raw(f.agent.tcpPort());
        raw.line();
        raw.send("HELLO 1\r\n");
        raw.finalLine();
        for (int i = 0; i < 3; ++i) {
            raw.send("AUTH HMAC-SHA256 key=default cn=AAECAwQFBgcICQoLDA0ODxAR\r\n");
            QVERIFY(raw.finalLine().startsWith("334"));
            raw.send(QByteArray(64, '0') + "\r\n");
            QVERIFY(raw.finalLine().startsWith("535"));
        }
        QVERIFY(raw.finalLine().startsWith("421 E_CLOSING"));
        QVERIFY(raw.closedByPeer());
    }

    void failuresBackOffPerSource()
    {
        IssdAgentConfig config = testConfig(TlsPolicy::Optional);
        config.authBackoffBase = std::chrono::milliseconds(60000);
        Fixture f(config);
        RawConnection raw(f.agent.tcpPort());
        raw.line();
        raw.send("HELLO 1\r\nAUTH HMAC-SHA256 key=default cn=AAECAwQFBgcICQoLDA0ODxAR\r\n");
        raw.finalLine();
        raw.finalLine();
        raw.send(QByteArray(64, '0') + "\r\n");
        QVERIFY(raw.finalLine().startsWith("535"));
        raw.send("AUTH HMAC-SHA256 key=default cn=AAECAwQFBgcICQoLDA0ODxAR\r\n");
        QCOMPARE(raw.finalLine(), QByteArray("452 E_RATE retry-after=60"));
    }

    void replayedProofFails()
    {
        Fixture f(testConfig(TlsPolicy::Optional));
        const QString cn = QStringLiteral("AAECAwQFBgcICQoLDA0ODxAR");
        QByteArray capturedProof;
        for (int attempt = 0; attempt < 2; ++attempt) {
            RawConnection raw(f.agent.tcpPort());
            raw.line();
            raw.send("HELLO 1\r\nAUTH HMAC-SHA256 key=default cn=" + cn.toLatin1() + "\r\n");
            raw.finalLine();
            const QByteArray challenge = raw.finalLine();
            QVERIFY(challenge.startsWith("334 OK "));
            ParseError error;
            const auto args = Arguments::parse(QString::fromLatin1(challenge.mid(7)), &error);
            QVERIFY(args);
            const QByteArray key =
                IssdSecretStore::deriveKey(kSecret,
                                           QByteArray::fromBase64(args->value(u"s")->toLatin1(),
                                                                  QByteArray::Base64UrlEncoding),
                                           args->value(u"i")->toInt());
            const AuthTranscript transcript{f.agent.serverId(), QStringLiteral("default"), cn,
                                            *args->value(u"sn"), QStringLiteral("none")};
            if (attempt == 0) {
                capturedProof = IssdAuthenticator::clientProof(key, transcript).toHex();
                raw.send(capturedProof + "\r\n");
                QVERIFY(raw.finalLine().startsWith("235 OK session="));
            } else {
                raw.send(capturedProof + "\r\n"); // the same proof on a new challenge
                QVERIFY(raw.finalLine().startsWith("535 E_AUTH"));
            }
        }
    }

    void tlsRequiredRefusesPlaintextAuth()
    {
        Fixture f;
        RawConnection raw(f.agent.tcpPort());
        raw.line();
        raw.send("LIST\r\n");
        QVERIFY(raw.finalLine().startsWith("530 E_AUTHREQ"));
        raw.send("AUTH HMAC-SHA256 key=default cn=AAECAwQFBgcICQoLDA0ODxAR\r\n");
        QVERIFY(raw.finalLine().startsWith("503 E_SEQUENCE"));
        raw.send("HELLO 1\r\n");
        QVERIFY(raw.finalLine().startsWith("250 OK hello"));
        raw.send("AUTH HMAC-SHA256 key=default cn=AAECAwQFBgcICQoLDA0ODxAR\r\n");
        QVERIFY(raw.finalLine().startsWith("538 E_TLSREQ"));
        QString failure;
        QVERIFY(!login(f.agent.tcpPort(), kSecret, true, &failure)->isReady() || failure.isEmpty());
    }

    void bytesPipelinedAfterStartTlsAreRefused()
    {
        Fixture f;
        RawConnection raw(f.agent.tcpPort());
        raw.line();
        raw.send("HELLO 1\r\n");
        raw.finalLine();
        raw.send("STARTTLS\r\nLIST\r\n");
        QVERIFY(raw.finalLine().startsWith("503 E_SEQUENCE data after STARTTLS"));
        QVERIFY(raw.finalLine().startsWith("421 E_CLOSING"));
        QVERIFY(raw.closedByPeer());
    }

    void tooLongLinesAndGarbageDoNotHurt()
    {
        Fixture f(testConfig(TlsPolicy::Optional));
        RawConnection raw(f.agent.tcpPort());
        raw.line();
        raw.send(QByteArray(5000, 'A') + "\r\nNOOP\r\n");
        QCOMPARE(raw.finalLine(), QByteArray("500 E_SYNTAX line too long"));
        QCOMPARE(raw.finalLine(), QByteArray("250 OK"));
        raw.send(QByteArray("\x00\xff\xfe\x01garbage\x7f\r\n", 14));
        QVERIFY(raw.finalLine().startsWith("500 E_SYNTAX"));
        raw.send("\"unterminated\r\n");
        QVERIFY(raw.finalLine().startsWith("500 E_SYNTAX"));
        raw.send("NOOP\r\n");
        QCOMPARE(raw.finalLine(), QByteArray("250 OK"));
        const auto client = login(f.agent.tcpPort());
        QCOMPARE(call(*client, QStringLiteral("LIST")).code, 250);
    }

    void overLongLineThenCommandInOneWrite_data()
    {
        QTest::addColumn<int>("octets");
        QTest::newRow("5 KB") << 5000;
        QTest::newRow("past the read-ahead") << 20000;
        QTest::newRow("past the socket buffer") << 200 * 1024;
        QTest::newRow("1 MiB") << 1024 * 1024;
    }

    void overLongLineThenCommandInOneWrite()
    {
        QFETCH(int, octets);
        Fixture f(testConfig(TlsPolicy::Optional));
        RawConnection raw(f.agent.tcpPort());
        raw.line();
        raw.send(QByteArray(octets, 'A') + "\r\nNOOP\r\n");
        QCOMPARE(raw.finalLine(), QByteArray("500 E_SYNTAX line too long"));
        QCOMPARE(raw.finalLine(), QByteArray("250 OK"));
    }

    void emptyLineFloodIsCutOthersServed()
    {
        Fixture f(testConfig(TlsPolicy::Optional));
        RawConnection flood(f.agent.tcpPort());
        QVERIFY(flood.line().startsWith("220 OK ISSD/1"));
        const QByteArray chunk = QByteArray("\r\n").repeated(32 * 1024);
        flood.send(chunk);
        // Another client is greeted and answered while the flood arrives.
        RawConnection other(f.agent.tcpPort(), QHostAddress(QStringLiteral("127.0.0.3")));
        QVERIFY(other.line().startsWith("220 OK ISSD/1"));
        other.send("NOOP\r\n");
        QCOMPARE(other.finalLine(), QByteArray("250 OK"));
        // The flooder sends on, 5 MiB at most, until the agent cuts it with a reason.
        for (int i = 1; i < 80 && flood.socket.state() == QAbstractSocket::ConnectedState; ++i) {
            flood.send(chunk);
            waitFor([&] {
                return flood.socket.bytesToWrite() < chunk.size() ||
                    flood.socket.state() != QAbstractSocket::ConnectedState;
            });
        }
        int replies = 0;
        QByteArray last;
        while (!last.startsWith("421") && replies < 10000) {
            last = flood.line();
            if (last.isNull())
                break;
            ++replies;
        }
        QCOMPARE(last, QByteArray("421 E_CLOSING too many lines; slow down"));
        // One reply per line until the burst and then the lines over the rate run out.
        QVERIFY2(replies < 1000, qPrintable(QString::number(replies)));
        QVERIFY(flood.closedByPeer());
        other.send("NOOP\r\n");
        QCOMPARE(other.finalLine(), QByteArray("250 OK"));
    }

    void twoHundredConnectionsDoNotStarveAClient()
    {
        Fixture f;
        std::vector<std::unique_ptr<RawConnection>> crowd;
        for (int i = 0; i < 200; ++i)
            crowd.push_back(std::make_unique<RawConnection>(
                f.agent.tcpPort(), QHostAddress(QStringLiteral("127.0.0.%1").arg(2 + i / 2))));
        waitFor([&] { return f.agent.connections() == 200; }, 20000);
        QCOMPARE(f.agent.connections(), 200);
        for (auto &raw : crowd)
            QVERIFY(raw->line().startsWith("220 OK ISSD/1"));
        const auto client = login(f.agent.tcpPort());
        QVERIFY(client->isReady());
        QCOMPARE(call(*client, QStringLiteral("LIST")).code, 250);
        // A third unauthenticated connection from one source is turned away.
        RawConnection extra(f.agent.tcpPort(), QHostAddress(QStringLiteral("127.0.0.2")));
        QVERIFY(extra.line().startsWith("421 E_CLOSING too many connections"));
        for (auto &raw : crowd)
            raw->send("NOOP\r\n");
        for (auto &raw : crowd)
            QCOMPARE(raw->finalLine(), QByteArray("250 OK"));
        QCOMPARE(call(*client, QStringLiteral("NOOP")).code, 250);
    }

    void floodIsRateLimitedOthersServed()
    {
        Fixture f(testConfig(TlsPolicy::Optional));
        RawConnection flood(f.agent.tcpPort());
        flood.line();
        QByteArray burst;
        for (int i = 0; i < 100; ++i)
            burst += "NOOP\r\n";
        flood.send(burst);
        int ok = 0;
        int limited = 0;
        for (int i = 0; i < 100; ++i) {
            const QByteArray line = flood.finalLine();
            ok += line == "250 OK";
            limited += line.startsWith("452 E_RATE retry-after=");
        }
        QCOMPARE(ok + limited, 100);
        QVERIFY2(ok >= 40 && ok < 60, qPrintable(QString::number(ok)));
        QVERIFY(limited >= 40);
        const auto client = login(f.agent.tcpPort());
        QCOMPARE(call(*client, QStringLiteral("LIST")).code, 250);
    }

    void sessionLimitHolds()
    {
        IssdAgentConfig config = testConfig();
        config.maxSessions = 2;
        Fixture f(config);
        const auto a = login(f.agent.tcpPort());
        const auto b = login(f.agent.tcpPort());
        QString failure;
        const auto c = login(f.agent.tcpPort(), kSecret, true, &failure);
        QVERIFY(a->isReady() && b->isReady());
        QVERIFY(!c->isReady());
        QVERIFY2(failure.contains(QLatin1String("too many sessions")), qPrintable(failure));
    }

    void udpEventsAreSignedForTheSubscriber()
    {
        Fixture f;
        const auto client = login(f.agent.tcpPort());
        QUdpSocket listener;
        QVERIFY(listener.bind(QHostAddress::LocalHost, 0));
        const auto sub =
            call(*client, QStringLiteral("SUBSCRIBE prop udp=%1").arg(listener.localPort()));
        QCOMPARE(sub.toString(), QStringLiteral("250 OK sub=1"));
        QCOMPARE(call(*client, QStringLiteral("SET 2 brightness=30")).code, 250);
        QVERIFY(waitFor([&] { return listener.hasPendingDatagrams(); }));
        QByteArray datagram(int(listener.pendingDatagramSize()), Qt::Uninitialized);
        listener.readDatagram(datagram.data(), datagram.size());
        QVERIFY2(
            datagram.startsWith("ISSD/1 EVENT id=" + f.agent.serverId().toLatin1() + " sub=1 seq="),
            datagram);
        QVERIFY(datagram.contains(" prop display=id:TST.0002.00000002 brightness=30 by=" +
                                  client->sessionName().toLatin1()));
        const qsizetype mac = datagram.lastIndexOf(" mac=");
        QCOMPARE(datagram.mid(mac + 5),
                 IssdSubscriptions::datagramMac(client->eventKey(), datagram.first(mac)));
    }

    void discoveryAnswersWithoutAmplification()
    {
        Fixture f;
        QUdpSocket probe;
        QVERIFY(probe.bind(QHostAddress::LocalHost, 0));
        const QByteArray request =
            "ISSD/1 DISCOVER nonce=0123456789abcdef pad=" + QByteArray(212, '.');
        probe.writeDatagram(request, QHostAddress::LocalHost, f.agent.udpPort());
        QVERIFY(waitFor([&] { return probe.hasPendingDatagrams(); }));
        QByteArray reply(int(probe.pendingDatagramSize()), Qt::Uninitialized);
        probe.readDatagram(reply.data(), reply.size());
        QVERIFY2(reply.startsWith("ISSD/1 HERE nonce=0123456789abcdef id=" +
                                  f.agent.serverId().toLatin1()),
                 reply);
        QVERIFY(reply.contains("name=\"Test Agent\" tcp=" + QByteArray::number(f.agent.tcpPort()) +
                               " tls=yes"));
        QVERIFY(reply.size() <= request.size());

        // Within a second the same source gets nothing more; a short request never gets a reply.
        probe.writeDatagram(request, QHostAddress::LocalHost, f.agent.udpPort());
        QUdpSocket other;
        QVERIFY(other.bind(QHostAddress(QStringLiteral("127.0.0.9")), 0));
        other.writeDatagram("ISSD/1 DISCOVER nonce=0123456789abcdef", QHostAddress::LocalHost,
                            f.agent.udpPort());
        QTest::qWait(700);
        QVERIFY(!probe.hasPendingDatagrams());
        QVERIFY(!other.hasPendingDatagrams());
    }

    void discovererFindsTheAgent()
    {
        Fixture f;
        IssdDiscoverer discoverer;
        QString error;
        QVERIFY(discoverer.discover(f.agent.udpPort(), {QHostAddress::LocalHost}, &error));
        QVERIFY(waitFor([&] { return !discoverer.agents().isEmpty(); }));
        const auto agent = discoverer.agents().first();
        QCOMPARE(agent.id, f.agent.serverId());
        QCOMPARE(agent.name, QStringLiteral("Test Agent"));
        QCOMPARE(agent.tcpPort, f.agent.tcpPort());
        QCOMPARE(agent.displays, 2);
        QVERIFY(IssdDiscoverer::request(QStringLiteral("0123456789abcdef")).size() ==
                IssdDiscoverer::kRequestBytes);
    }

    void pinnedFingerprintMismatchFails()
    {
        Fixture f;
        IssdClient::Options options;
        options.secret = kSecret;
        options.pinnedFingerprint = QByteArray(32, '\x11');
        IssdClient client(options);
        QSignalSpy failed(&client, &IssdClient::failed);
        client.connectToAgent(QStringLiteral("127.0.0.1"), f.agent.tcpPort());
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().first().toString().contains(QLatin1String("certificate changed")));
    }
};

QTEST_MAIN(TestIssdAgent)
#include "tst_issdagent.moc"
