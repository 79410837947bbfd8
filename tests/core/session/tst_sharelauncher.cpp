// ShareLauncher: the session id, passcode and advertised-host rules, the taken-port
// fallback against a real listener, and real synthetic shares started through it and
// joined by real ViewerSessions over loopback TLS.

#include "core/capture/SyntheticWindowSource.h"
#include "core/session/FloorControl.h"
#include "core/session/ShareLauncher.h"
#include "core/viewer/ViewerSession.h"

#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace baton;

Q_DECLARE_METATYPE(std::optional<baton::FloorPolicy>)

namespace {

constexpr int kTimeoutMs = 15000;

const net::CertificateStore::Identity &identity()
{
    static const auto generated = net::CertificateStore::generate(QStringLiteral("test"));
    return *generated;
}

// A typing scene shared on loopback, with the input the test says (none: the factory's).
ShareRequest syntheticRequest(quint16 port = 0)
{
    ShareRequest request;
    request.source = std::make_unique<SyntheticWindowSource>(SyntheticSceneKind::Typing, 320, 200);
    request.config.listener.bindAddress = QHostAddress::LocalHost;
    request.config.listener.port = port;
    request.config.listener.policy.hostName = "launcher";
    return request;
}

std::unique_ptr<ViewerSession> join(const InviteLink &link, const char *name)
{
    net::ViewerOptions options;
    options.displayName = name;
    auto viewer = std::make_unique<ViewerSession>(link, options);
    viewer->start();
    return viewer;
}

} // namespace

class TestShareLauncher : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(!identity().fingerprint.isEmpty()); }

    void sessionIdsAreFreshHex()
    {
        const QRegularExpression format(QStringLiteral("^[0-9a-f]{32}$"));
        QSet<QString> seen;
        for (int i = 0; i < 1000; ++i) {
            const QString id = ShareLauncher::newSessionId();
            QVERIFY2(format.match(id).hasMatch(), qPrintable(id));
            seen.insert(id);
        }
        QCOMPARE(seen.size(), 1000);
    }

    void passcodesAreSixDigits()
    {
        const QRegularExpression format(QStringLiteral("^[0-9]{6}$"));
        QSet<QChar> digits;
        for (int i = 0; i < 1000; ++i) {
            const QString passcode = ShareLauncher::newPasscode();
            QVERIFY2(format.match(passcode).hasMatch(), qPrintable(passcode));
            for (const QChar digit : passcode)
                digits.insert(digit);
        }
        QCOMPARE(digits.size(), 10); // every digit turns up in 6000 draws
    }

    void advertisedHostRule_data()
    {
        QTest::addColumn<QString>("advertise");
        QTest::addColumn<QHostAddress>("bind");
        QTest::addColumn<QList<QHostAddress>>("lan");
        QTest::addColumn<QString>("expected");
        const QList<QHostAddress> lan{QHostAddress(QStringLiteral("192.168.1.7")),
                                      QHostAddress(QStringLiteral("10.1.1.1"))};
        const QHostAddress specific(QStringLiteral("10.0.0.5"));
        QTest::newRow("explicit wins") << QStringLiteral("share.example.org") << specific << lan
                                       << QStringLiteral("share.example.org");
        QTest::newRow("specific bind")
            << QString() << specific << lan << QStringLiteral("10.0.0.5");
        QTest::newRow("loopback bind") << QString() << QHostAddress(QHostAddress::LocalHost) << lan
                                       << QStringLiteral("127.0.0.1");
        QTest::newRow("any: first LAN address")
            << QString() << QHostAddress(QHostAddress::Any) << lan << QStringLiteral("192.168.1.7");
        QTest::newRow("any IPv4") << QString() << QHostAddress(QHostAddress::AnyIPv4) << lan
                                  << QStringLiteral("192.168.1.7");
        QTest::newRow("any IPv6") << QString() << QHostAddress(QHostAddress::AnyIPv6) << lan
                                  << QStringLiteral("192.168.1.7");
        QTest::newRow("no bind") << QString() << QHostAddress() << lan
                                 << QStringLiteral("192.168.1.7");
        QTest::newRow("no LAN: host name") << QString() << QHostAddress(QHostAddress::Any)
                                           << QList<QHostAddress>() << QStringLiteral("box");
    }
    void advertisedHostRule()
    {
        QFETCH(QString, advertise);
        QFETCH(QHostAddress, bind);
        QFETCH(QList<QHostAddress>, lan);
        QFETCH(QString, expected);
        QCOMPARE(ShareLauncher::advertisedHost(advertise, bind, lan, QStringLiteral("box")),
                 expected);
    }

    void lanAddressesAreIpv4AndNotLoopback()
    {
        for (const QHostAddress &address : ShareLauncher::lanAddresses()) {
            QCOMPARE(address.protocol(), QAbstractSocket::IPv4Protocol);
            QVERIFY2(!address.isLoopback(), qPrintable(address.toString()));
        }
    }

    void parseFloorPolicy_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<std::optional<FloorPolicy>>("expected");
        QTest::newRow("ask") << QStringLiteral("ask") << std::optional(FloorPolicy::Ask);
        QTest::newRow("auto") << QStringLiteral("auto") << std::optional(FloorPolicy::Auto);
        QTest::newRow("collaborate")
            << QStringLiteral("collaborate") << std::optional(FloorPolicy::Collaborate);
        const std::optional<FloorPolicy> none;
        QTest::newRow("empty") << QString() << none;
        QTest::newRow("capitalised") << QStringLiteral("Ask") << none;
        QTest::newRow("abbreviated") << QStringLiteral("collab") << none;
        QTest::newRow("padded") << QStringLiteral(" auto") << none;
        QTest::newRow("a cause, not a policy") << QStringLiteral("revoked by the host") << none;
    }
    void parseFloorPolicy()
    {
        QFETCH(QString, name);
        QFETCH(std::optional<FloorPolicy>, expected);
        const auto parsed = baton::parseFloorPolicy(name.toStdString());
        QCOMPARE(parsed, expected);
        if (parsed)
            QCOMPARE(QLatin1String(toString(*parsed)), name);
    }

    void takenPortFallsBackWhenAsked()
    {
        QTcpServer other;
        QVERIFY(other.listen(QHostAddress::LocalHost));
        QVERIFY(ShareLauncher::isPortTaken(QHostAddress::LocalHost, other.serverPort()));
        const ShareLauncher launcher(identity());

        ShareRequest strict = syntheticRequest(other.serverPort());
        ShareLauncher::Launch refused = launcher.launch(std::move(strict));
        QVERIFY(!refused.session);
        QVERIFY2(refused.error.contains(QString::number(other.serverPort())),
                 qPrintable(refused.error));
        QVERIFY(!refused.takenPort);

        ShareRequest lenient = syntheticRequest(other.serverPort());
        lenient.fallBackFromTakenPort = true;
        ShareLauncher::Launch launched = launcher.launch(std::move(lenient));
        QVERIFY2(launched.session, qPrintable(launched.error));
        QCOMPARE(launched.takenPort, std::optional<quint16>(other.serverPort()));
        QVERIFY(launched.session->port() != other.serverPort());
        QCOMPARE(launched.session->inviteLink().port, launched.session->port());
        auto viewer = join(launched.session->inviteLink(), "Fay");
        QTRY_VERIFY_WITH_TIMEOUT(viewer->isJoined(), kTimeoutMs);
    }

    // The whole path: generated id and passcode, the link a viewer joins with, input
    // from the factory (a synthetic scene has none), statistics at the end.
    void syntheticShareIsJoinedOverLoopback()
    {
        ShareRequest request = syntheticRequest();
        request.generatePasscode = true;
        const HostSession *prepared = nullptr;
        bool runningWhenPrepared = true;
        request.beforeStart = [&](HostSession &session) {
            prepared = &session;
            runningWhenPrepared = session.isRunning();
        };
        ShareLauncher::Launch launched = ShareLauncher(identity()).launch(std::move(request));
        QVERIFY2(launched.session, qPrintable(launched.error));
        HostSession &host = *launched.session;
        QVERIFY(host.isRunning());
        QCOMPARE(prepared, &host);
        QVERIFY(!runningWhenPrepared);
        QVERIFY(!launched.takenPort);
        QVERIFY(launched.viewOnly);
        QVERIFY(!launched.watchesHostInput);
        QVERIFY(!launched.inputRefusals.isEmpty());
        QVERIFY2(launched.inputRefusals.first().contains(QLatin1String("'synthetic'")),
                 qPrintable(launched.inputRefusals.join(u'\n')));

        const InviteLink link = host.inviteLink();
        QCOMPARE(link.host, QStringLiteral("127.0.0.1"));
        QVERIFY(
            QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(link.sessionId).hasMatch());
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9]{6}$")).match(link.passcode).hasMatch());

        // The passcode is asked for: without it a viewer is turned away.
        InviteLink withoutPasscode = link;
        withoutPasscode.passcode.clear();
        auto refused = join(withoutPasscode, "Gus");
        QSignalSpy refusedEnded(refused.get(), &ViewerSession::ended);
        QTRY_COMPARE_WITH_TIMEOUT(refusedEnded.size(), 1, kTimeoutMs);
        QVERIFY(!refused->isJoined());

        auto ana = join(link, "Ana");
        auto ben = join(link, "Ben");
        QTRY_VERIFY_WITH_TIMEOUT(ana->isJoined() && ben->isJoined(), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            ana->framebuffer().width() == 320 && ana->framebuffer().height() == 200, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(host.viewerCount(), 2, kTimeoutMs);
        ben.reset();
        QTRY_COMPARE_WITH_TIMEOUT(host.viewerCount(), 1, kTimeoutMs);
        auto cem = join(link, "Cem");
        QTRY_VERIFY_WITH_TIMEOUT(cem->isJoined(), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(host.viewerCount(), 2, kTimeoutMs);

        QTest::ignoreMessage(QtInfoMsg,
                             QRegularExpression(QStringLiteral(
                                 "^share statistics: [0-9.]+ s, [0-9]+ captures, [0-9]+ batches "
                                 "\\([0-9.]+ MB\\), [0-9]+ catch-ups \\([0-9.]+ MB\\), 3 viewers "
                                 "joined, at most 2 at once$")));
        host.stop();
        QCOMPARE(host.stats().viewersJoined, 3);
        QCOMPARE(host.stats().peakViewers, 2);
        QVERIFY(host.stats().durationMs > 0);
        QVERIFY(host.stats().captures >= 1);
        QVERIFY(host.stats().catchUps >= 1); // the viewers' first pictures
    }

    // Input the caller brings is used as it is: the factory is not asked.
    void callersInputIsUsed()
    {
        ShareRequest request = syntheticRequest();
        request.input = ShareRequest::Input{};
        ShareLauncher::Launch launched = ShareLauncher(identity()).launch(std::move(request));
        QVERIFY2(launched.session, qPrintable(launched.error));
        QVERIFY(launched.viewOnly);
        QVERIFY(launched.inputRefusals.isEmpty());
        QVERIFY(launched.session->inviteLink().passcode.isEmpty()); // none was given
    }
};

QTEST_GUILESS_MAIN(TestShareLauncher)
#include "tst_sharelauncher.moc"
