// Host and viewers over real TLS 1.3 on 127.0.0.1, ephemeral ports: the join handshake,
// refusals, certificate pinning, the passcode rate limit, hostile peers and close reasons.

#include "LoopbackJoin.h"
#include "core/net/CertificateStore.h"
#include "core/net/HostListener.h"
#include "core/net/ViewerConnector.h"

#include <QPointer>
#include <QSslSocket>
#include <QTest>

#include <memory>
#include <optional>

using namespace baton;
using net::CloseInfo;
using net::Connection;
using protocol::CloseReason;
using test::hostIdentity;
using test::Join;

namespace {

// What the host saw.
struct HostEvents {
    QList<QPointer<Connection>> joined;
    QList<uint16_t> joinedIds;
    QList<CloseInfo> refused;
};

} // namespace

class TestTransport : public QObject {
    Q_OBJECT
private:
    std::chrono::milliseconds now_{0};
    HostEvents events_;

    std::unique_ptr<net::HostListener> startHost(net::HostListenerConfig config = {})
    {
        config.bindAddress = QHostAddress::LocalHost;
        config.port = 0;
        if (config.policy.sessionId.empty())
            config.policy = {"s1", "opensesame", "Test host"};
        auto host =
            std::make_unique<net::HostListener>(hostIdentity(), config, [this] { return now_; });
        connect(host.get(), &net::HostListener::viewerJoined, this,
                [this](Connection *connection, const protocol::HelloPdu &,
                       const protocol::WelcomePdu &welcome) {
                    events_.joined << connection;
                    events_.joinedIds << welcome.userId;
                });
        connect(host.get(), &net::HostListener::viewerRefused, this,
                [this](const QHostAddress &, const CloseInfo &info) { events_.refused << info; });
        QString error;
        if (!host->start(&error))
            qFatal("cannot start the host: %s", qPrintable(error));
        return host;
    }

    std::unique_ptr<Join> join(const InviteLink &link, const std::string &name = "viewer")
    {
        return test::startJoin(link, name);
    }

    // Limits under which a queue fills at once: 64 KiB, and the socket takes one byte at
    // a time from it.
    static net::HostListenerConfig smallQueues()
    {
        net::HostListenerConfig config;
        config.connectionLimits.maxQueuedBytes = qint64{64} * 1024;
        config.connectionLimits.socketBufferBytes = 1;
        return config;
    }

    // Starts a host with config and joins one viewer to it: the host's end of that
    // connection, or null when the join did not complete.
    Connection *joinOne(const net::HostListenerConfig &config,
                        std::unique_ptr<net::HostListener> &host, std::unique_ptr<Join> &viewer)
    {
        host = startHost(config);
        viewer = join(host->inviteLink(QStringLiteral("127.0.0.1")));
        if (!QTest::qWaitFor([&] { return viewer->connection && events_.joined.size() == 1; }))
            return nullptr;
        return events_.joined.first();
    }

    // A valid host frame of some size for filling queues (empty if it does not encode).
    static QByteArray bulkyFrame(protocol::WelcomePdu body)
    {
        body.hostName = std::string(100, 'x');
        const auto frame = protocol::PduEncoder::encodeFrame(
            protocol::SendDataKind::Indication, protocol::kBroadcastChannelId,
            {{protocol::kHostUserId, 0, protocol::StreamId::Low}, body});
        if (!frame)
            return {};
        return QByteArray(reinterpret_cast<const char *>(frame->data()), qsizetype(frame->size()));
    }

    static void watchClose(Connection *connection, std::optional<CloseInfo> &into)
    {
        QObject::connect(connection, &Connection::closed, connection,
                         [&into](const CloseInfo &info) { into = info; });
    }

private slots:
    void init()
    {
        now_ = std::chrono::milliseconds(0);
        events_ = {};
    }

    void handshakeSucceedsAndTheViewerLearnsItsUserId()
    {
        auto host = startHost();
        const InviteLink link = host->inviteLink(QStringLiteral("127.0.0.1"));
        QCOMPARE(link.fingerprint, hostIdentity().fingerprint);
        QVERIFY(InviteLink::parse(link.toString()));

        auto first = join(link, "Ada");
        auto second = join(link, "Grace");
        QTRY_VERIFY(first->done() && second->done());
        QVERIFY2(first->connection, qPrintable(first->failure->text()));
        QVERIFY2(second->connection, qPrintable(second->failure->text()));
        QVERIFY(first->welcome.userId >= 1001);
        QVERIFY(first->welcome.userId != second->welcome.userId);
        QCOMPARE(first->welcome.userChannelId, first->welcome.userId);
        QCOMPARE(first->welcome.sessionId, std::string("s1"));
        QCOMPARE(first->welcome.hostName, std::string("Test host"));
        QCOMPARE(first->connection->localUserId(), first->welcome.userId);
        QCOMPARE(first->connection->tlsProtocol(), QSsl::TlsV1_3);

        QTRY_COMPARE(events_.joined.size(), 2);
        QVERIFY(events_.joinedIds.contains(first->welcome.userId));
        QVERIFY(events_.joinedIds.contains(second->welcome.userId));
        QCOMPARE(events_.joined.first()->tlsProtocol(), QSsl::TlsV1_3);
        QCOMPARE(host->userIds().inUseCount(), size_t(2));
        QCOMPARE(host->pendingHandshakes(), 0);

        // A departed viewer's id returns to the pool.
        first->connection->close(CloseReason::ViewerLeft);
        QTRY_COMPARE(host->userIds().inUseCount(), size_t(1));
        delete second->connection;
    }

    void wrongPasscodeIsRefusedWithTheReason()
    {
        auto host = startHost();
        InviteLink link = host->inviteLink(QStringLiteral("127.0.0.1"));
        link.passcode = QStringLiteral("guess");
        auto attempt = join(link);
        QTRY_VERIFY(attempt->done());
        QVERIFY(!attempt->connection);
        QCOMPARE(attempt->failure->reason, CloseReason::WrongPasscode);
        QCOMPARE(attempt->failure->origin, CloseInfo::Origin::Peer);
        QVERIFY2(attempt->failure->text().startsWith(QLatin1String("The passcode is wrong.")),
                 qPrintable(attempt->failure->text()));
        QTRY_COMPARE(events_.refused.size(), 1);
        QCOMPARE(events_.refused.first().reason, CloseReason::WrongPasscode);
        QCOMPARE(events_.refused.first().origin, CloseInfo::Origin::Local);
        QVERIFY(events_.joined.isEmpty());
    }

    void wrongFingerprintIsRefusedBeforeTheHelloLeaves()
    {
        auto host = startHost();
        InviteLink link = host->inviteLink(QStringLiteral("127.0.0.1"));
        link.fingerprint[0] = char(link.fingerprint[0] ^ 0x01);
        auto attempt = join(link);
        QTRY_VERIFY(attempt->done());
        QVERIFY(!attempt->connection);
        QCOMPARE(attempt->failure->reason, CloseReason::CertificateMismatch);
        QCOMPARE(attempt->failure->origin, CloseInfo::Origin::Local);
        QVERIFY(attempt->failure->text().contains(QLatin1String("does not match the invite link")));
        QVERIFY(attempt->failure->detail.contains(
            QString::fromLatin1(hostIdentity().fingerprint.toHex())));
        // The host saw the TLS handshake fail: no Hello, so no passcode attempt counted.
        QTRY_COMPARE(events_.refused.size(), 1);
        QCOMPARE(events_.refused.first().reason, CloseReason::ConnectionLost);
        QCOMPARE(host->attemptLimiter().trackedSources(), 0);
        QVERIFY(events_.joined.isEmpty());
    }

    void rateLimitKicksInAfterFiveFailuresAndLifts()
    {
        auto host = startHost();
        const InviteLink good = host->inviteLink(QStringLiteral("127.0.0.1"));
        InviteLink bad = good;
        bad.passcode = QStringLiteral("guess");
        for (int i = 0; i < 5; ++i) {
            auto attempt = join(bad);
            QTRY_VERIFY(attempt->done());
            // The failure that starts the block says so: later attempts get no words.
            QCOMPARE(attempt->failure->reason,
                     i < 4 ? CloseReason::WrongPasscode : CloseReason::RateLimited);
            now_ += std::chrono::seconds(5);
        }
        QTRY_COMPARE(events_.refused.size(), 5);
        QVERIFY2(events_.refused.last().text().contains(QLatin1String("wait a minute")),
                 qPrintable(events_.refused.last().text()));
        // Even the right passcode is cut now, before TLS.
        auto refused = join(good);
        QTRY_VERIFY(refused->done());
        QVERIFY(!refused->connection);
        QCOMPARE(refused->failure->reason, CloseReason::ConnectionLost);
        QTRY_COMPARE(events_.refused.size(), 6);
        QCOMPARE(events_.refused.last().reason, CloseReason::RateLimited);

        now_ += std::chrono::seconds(60);
        auto admitted = join(good);
        QTRY_VERIFY(admitted->done());
        QVERIFY2(admitted->connection, qPrintable(admitted->failure->text()));
        delete admitted->connection;
    }

    void garbageBeforeHelloIsAProtocolError()
    {
        auto host = startHost();
        QSslSocket raw;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        raw.setSslConfiguration(tls);
        raw.connectToHostEncrypted(QStringLiteral("127.0.0.1"), host->port());
        QTRY_VERIFY(raw.isEncrypted());
        // A TPKT header, so that the host takes it for a native viewer (an HTTP request is
        // a browser's, tst_webdoor), then what no X.224 header looks like.
        raw.write(QByteArray("\x03\x00\x00\x0bgarbage", 11));
        QTRY_COMPARE(events_.refused.size(), 1);
        QCOMPARE(events_.refused.first().reason, CloseReason::ProtocolError);
        QVERIFY2(events_.refused.first().detail.startsWith(QLatin1String("protocol error: ")),
                 qPrintable(events_.refused.first().detail));
        QTRY_COMPARE(raw.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(host->attemptLimiter().trackedSources(), 0);
    }

    void garbageSenderIsDroppedWhileAGoodPeerKeepsExchanging()
    {
        auto host = startHost();
        const InviteLink link = host->inviteLink(QStringLiteral("127.0.0.1"));
        auto good = join(link, "good");
        auto evil = join(link, "evil");
        QTRY_VERIFY(good->connection && evil->connection);
        QTRY_COMPARE(events_.joined.size(), 2);
        const int evilIndex = events_.joinedIds.indexOf(evil->welcome.userId);
        QPointer<Connection> hostToGood = events_.joined[1 - evilIndex];
        QPointer<Connection> hostToEvil = events_.joined[evilIndex];

        std::optional<CloseInfo> evilSaw, hostSaw;
        watchClose(evil->connection, evilSaw);
        watchClose(hostToEvil, hostSaw);
        QVERIFY(evil->connection->sendFrame(QByteArray("\x03\x00\x00\x05\xff", 5)));
        QTRY_VERIFY(evilSaw && hostSaw);
        QCOMPARE(hostSaw->reason, CloseReason::ProtocolError);
        QCOMPARE(hostSaw->origin, CloseInfo::Origin::Local);
        QVERIFY2(hostSaw->detail.startsWith(QLatin1String("protocol error: ")),
                 qPrintable(hostSaw->detail));
        // The offender is told why, in words.
        QCOMPARE(evilSaw->reason, CloseReason::ProtocolError);
        QCOMPARE(evilSaw->origin, CloseInfo::Origin::Peer);
        QCOMPARE(evilSaw->detail, hostSaw->detail);

        // The good viewer is unaffected, both ways.
        QVERIFY(good->connection && hostToGood);
        QList<protocol::Pdu> atViewer, atHost;
        connect(good->connection, &Connection::pduReceived, this,
                [&](const protocol::Pdu &pdu, const protocol::FrameHeader &header) {
                    QCOMPARE(header.initiator, protocol::kHostUserId);
                    atViewer << pdu;
                });
        connect(hostToGood, &Connection::pduReceived, this,
                [&](const protocol::Pdu &pdu, const protocol::FrameHeader &header) {
                    QCOMPARE(header.initiator, good->welcome.userId);
                    atHost << pdu;
                });
        for (int i = 0; i < 20; ++i) {
            protocol::GoodbyePdu probe; // any PDU body will do for the transport
            probe.message = "round " + std::to_string(i);
            protocol::WelcomePdu downstream = good->welcome;
            downstream.hostName = probe.message;
            QVERIFY(hostToGood->sendPdu(protocol::kBroadcastChannelId, downstream));
            protocol::HelloPdu upstream;
            upstream.displayName = probe.message;
            QVERIFY(good->connection->sendPdu(protocol::kHostUserId, upstream));
        }
        QTRY_COMPARE(atViewer.size(), 20);
        QTRY_COMPARE(atHost.size(), 20);
        QCOMPARE(std::get<protocol::WelcomePdu>(atViewer.last().body).hostName,
                 std::string("round 19"));
        QCOMPARE(std::get<protocol::HelloPdu>(atHost.last().body).displayName,
                 std::string("round 19"));
        QCOMPARE(atHost.last().context.source, good->welcome.userId);
        delete good->connection;
    }

    void viewerSpeakingAsAnotherUserIsDropped()
    {
        auto host = startHost();
        auto viewer = join(host->inviteLink(QStringLiteral("127.0.0.1")));
        QTRY_VERIFY(viewer->connection);
        std::optional<CloseInfo> saw;
        watchClose(viewer->connection, saw);
        viewer->connection->setUserIds(protocol::kHostUserId, protocol::kHostUserId);
        QVERIFY(viewer->connection->sendPdu(protocol::kBroadcastChannelId, protocol::HelloPdu{}));
        QTRY_VERIFY(saw);
        QCOMPARE(saw->reason, CloseReason::ProtocolError);
        QVERIFY2(saw->detail.contains(QLatin1String("is not the viewer's user id")),
                 qPrintable(saw->detail));
    }

    void closeReasonsTravelBothWays_data()
    {
        QTest::addColumn<bool>("hostCloses");
        QTest::addColumn<int>("reason");
        QTest::addColumn<QString>("words");
        QTest::newRow("host kicks") << true << int(CloseReason::Kicked)
                                    << QStringLiteral("The host removed you from the session.");
        QTest::newRow("host ends")
            << true << int(CloseReason::HostEnded) << QStringLiteral("The host ended the session.");
        QTest::newRow("viewer leaves") << false << int(CloseReason::ViewerLeft)
                                       << QStringLiteral("The viewer left the session.");
    }

    void closeReasonsTravelBothWays()
    {
        QFETCH(bool, hostCloses);
        QFETCH(int, reason);
        QFETCH(QString, words);
        auto host = startHost();
        auto viewer = join(host->inviteLink(QStringLiteral("127.0.0.1")));
        QTRY_VERIFY(viewer->connection);
        QTRY_COMPARE(events_.joined.size(), 1);
        Connection *closer = hostCloses ? events_.joined.first().data() : viewer->connection.data();
        Connection *other = hostCloses ? viewer->connection.data() : events_.joined.first().data();
        std::optional<CloseInfo> closerSaw, otherSaw;
        watchClose(closer, closerSaw);
        watchClose(other, otherSaw);
        closer->close(CloseReason(reason), QStringLiteral("by the test"));
        QTRY_VERIFY(closerSaw && otherSaw);
        QCOMPARE(int(closerSaw->reason), reason);
        QCOMPARE(closerSaw->origin, CloseInfo::Origin::Local);
        QCOMPARE(int(otherSaw->reason), reason);
        QCOMPARE(otherSaw->origin, CloseInfo::Origin::Peer);
        QCOMPARE(otherSaw->text(), words + QStringLiteral(" (by the test)"));
        // Both objects delete themselves once closed.
        QTRY_VERIFY(!viewer->connection && events_.joined.first().isNull());
    }

    void silentPeersAreCutAtTheHandshakeTimeout()
    {
        net::HostListenerConfig config;
        config.handshakeTimeoutMs = 300;
        auto host = startHost(config);
        // One never starts TLS; the other completes TLS and never says Hello.
        QTcpSocket tcpOnly;
        tcpOnly.connectToHost(QStringLiteral("127.0.0.1"), host->port());
        QSslSocket tlsOnly;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        tlsOnly.setSslConfiguration(tls);
        tlsOnly.connectToHostEncrypted(QStringLiteral("127.0.0.1"), host->port());
        QTRY_COMPARE(events_.refused.size(), 2);
        for (const CloseInfo &info : events_.refused)
            QCOMPARE(info.reason, CloseReason::Timeout);
        QTRY_COMPARE(tcpOnly.state(), QAbstractSocket::UnconnectedState);
        QTRY_COMPARE(tlsOnly.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(host->pendingHandshakes(), 0);
    }

    void handshakesInProgressAreCapped()
    {
        net::HostListenerConfig config;
        // One slot, and no busy reply: the second connection is cut at accept.
        config.pendingHandshakes = {1, 8, 0};
        auto host = startHost(config);
        QTcpSocket first;
        first.connectToHost(QStringLiteral("127.0.0.1"), host->port());
        QTRY_COMPARE(host->pendingHandshakes(), 1);
        QTcpSocket second;
        second.connectToHost(QStringLiteral("127.0.0.1"), host->port());
        QTRY_COMPARE(second.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(first.state(), QAbstractSocket::ConnectedState);
        QCOMPARE(host->pendingHandshakes(), 1);
        first.abort();
        QTRY_COMPARE(host->pendingHandshakes(), 0);
        // With the slot free again, a viewer joins.
        auto viewer = join(host->inviteLink(QStringLiteral("127.0.0.1")));
        QTRY_VERIFY(viewer->done());
        QVERIFY(viewer->connection);
        delete viewer->connection;
    }

    void outgoingQueueIsBounded()
    {
        const net::HostListenerConfig config = smallQueues();
        std::unique_ptr<net::HostListener> host;
        std::unique_ptr<Join> viewer;
        Connection *toViewer = joinOne(config, host, viewer);
        QVERIFY(toViewer);

        // One shared buffer queued many times: accepted until the bound, then refused.
        const QByteArray shared = bulkyFrame(viewer->welcome);
        QVERIFY(!shared.isEmpty());
        int accepted = 0;
        while (toViewer->sendFrame(shared))
            ++accepted;
        QVERIFY(accepted > 0);
        QVERIFY(toViewer->queuedFrames() > 0);
        QVERIFY(toViewer->queuedBytes() <=
                config.connectionLimits.maxQueuedBytes + 2 * shared.size());

        int received = 0;
        connect(viewer->connection, &Connection::pduReceived, this, [&] { ++received; });
        bool drained = false;
        connect(toViewer, &Connection::queueDrained, this, [&] { drained = true; });
        QTRY_VERIFY(drained);
        QTRY_COMPARE(received, accepted);
        QVERIFY(toViewer->sendFrame(shared));
        delete viewer->connection;
    }

    // Pictures may fill the queue; session messages still have room beyond it, and a peer
    // that has not read even that is closed with TooSlow rather than silently missing one.
    void pdusHaveAReserveBeyondTheBound()
    {
        net::HostListenerConfig config = smallQueues();
        config.connectionLimits.pduReserveBytes = qint64{8} * 1024;
        std::unique_ptr<net::HostListener> host;
        std::unique_ptr<Join> viewer;
        Connection *toViewer = joinOne(config, host, viewer);
        QVERIFY(toViewer);
        std::optional<CloseInfo> hostSaw, viewerSaw;
        watchClose(toViewer, hostSaw);
        watchClose(viewer->connection, viewerSaw);

        const QByteArray picture = bulkyFrame(viewer->welcome);
        QVERIFY(!picture.isEmpty());
        while (toViewer->sendFrame(picture)) { }
        const protocol::RosterJoinPdu change{1004, protocol::Role::Viewer, std::string(100, 'n')};
        int reserved = 0;
        while (toViewer->sendPdu(protocol::kBroadcastChannelId, change))
            ++reserved;
        QVERIFY2(reserved >= 8 * 1024 / 200, qPrintable(QString::number(reserved)));
        QVERIFY(!toViewer->isOpen());
        QTRY_VERIFY(hostSaw && viewerSaw);
        QCOMPARE(hostSaw->reason, CloseReason::TooSlow);
        QCOMPARE(hostSaw->origin, CloseInfo::Origin::Local);
        // The queue was dropped for the Goodbye, so the viewer learns why.
        QCOMPARE(viewerSaw->reason, CloseReason::TooSlow);
        QCOMPARE(viewerSaw->origin, CloseInfo::Origin::Peer);
    }

    void tls12ClientIsRefused()
    {
        auto host = startHost();
        QSslSocket old;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setProtocol(QSsl::TlsV1_2);
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        old.setSslConfiguration(tls);
        old.connectToHostEncrypted(QStringLiteral("127.0.0.1"), host->port());
        QTRY_COMPARE(events_.refused.size(), 1);
        QCOMPARE(events_.refused.first().reason, CloseReason::ConnectionLost);
        QTRY_COMPARE(old.state(), QAbstractSocket::UnconnectedState);
        QVERIFY(!old.isEncrypted());
    }

    void longCloseDetailIsCutAtACharacterBoundary()
    {
        auto host = startHost();
        auto viewer = join(host->inviteLink(QStringLiteral("127.0.0.1")));
        QTRY_VERIFY(viewer->connection);
        QTRY_COMPARE(events_.joined.size(), 1);
        std::optional<CloseInfo> saw;
        watchClose(viewer->connection, saw);
        // 300 two-byte characters: 600 bytes, more than a Goodbye's 512.
        events_.joined.first()->close(CloseReason::Kicked, QString(300, QChar(0x00E9)));
        QTRY_VERIFY(saw);
        QCOMPARE(saw->reason, CloseReason::Kicked);
        QCOMPARE(saw->origin, CloseInfo::Origin::Peer);
        QCOMPARE(saw->detail, QString(256, QChar(0x00E9)));
    }

    void listenerRefusesBadConfiguration()
    {
        net::HostListenerConfig config;
        config.policy = {"not a valid id!", "", ""};
        net::HostListener listener(hostIdentity(), config);
        QString error;
        QVERIFY(!listener.start(&error));
        QVERIFY(error.contains(QLatin1String("session id")));
        QVERIFY(!listener.isListening());
    }
};

QTEST_GUILESS_MAIN(TestTransport)
#include "tst_transport.moc"
