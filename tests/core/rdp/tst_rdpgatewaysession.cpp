// RdpGateway against a real HostSession over real TLS on loopback: it joins as one viewer,
// only then serves RDP, with the share's passcode as the password or one of its own; an RDP
// client (FreeRDP's client library) joins the roster, takes the floor by typing or with
// Ctrl+Alt+Space, and its keys reach the host only while it holds the floor; the share's end
// reaches the gateway with the sentence its RDP clients are shown; a taken port and a wrong
// passcode fail with a reason and never serve.

#include "RdpTestClient.h"
#include "core/capture/SyntheticWindowSource.h"
#include "core/input/InputInjector.h"
#include "core/rdp/GatewayPassword.h"
#include "core/rdp/RdpGateway.h"
#include "core/session/HostSession.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <freerdp/input.h>
#include <memory>

using namespace baton;
using baton::rdp::GatewayPassword;
using baton::rdp::RdpGateway;
using baton::rdp::RdpGatewayConfig;

namespace {

constexpr int kTimeoutMs = 20000;

const net::CertificateStore::Identity &identity()
{
    static const auto made = net::CertificateStore::generate(QStringLiteral("test"));
    return *made;
}

// What the host delivered to the shared window: the input FloorArbiter admitted.
class RecordingInjector : public InputInjector {
public:
    explicit RecordingInjector(QStringList *log) : log_(log) { }
    bool key(const KeyInput &key) override
    {
        *log_ << QStringLiteral("key %1%2%3")
                     .arg(key.extended ? QStringLiteral("e0 ") : QString())
                     .arg(key.scancode, 2, 16, QLatin1Char('0'))
                     .arg(key.pressed ? QLatin1Char('+') : QLatin1Char('-'));
        return true;
    }
    bool text(const QString &text) override
    {
        *log_ << QStringLiteral("text ") + text;
        return true;
    }
    bool pointer(const PointerInput &pointer) override
    {
        *log_ << QStringLiteral("pointer %1 %2,%3")
                     .arg(int(pointer.type))
                     .arg(pointer.position.x())
                     .arg(pointer.position.y());
        return true;
    }
    void releaseAll() override { }
    QString errorString() const override { return {}; }

private:
    QStringList *log_;
};

std::unique_ptr<HostSession> startHost(const std::string &passcode, QStringList *injected = nullptr)
{
    HostSessionConfig config = loopbackConfig("gatewaytest", "host");
    config.listener.policy.passcode = passcode;
    config.floor.policy = FloorPolicy::Auto;
    auto host = std::make_unique<HostSession>(
        std::make_unique<SyntheticWindowSource>(SyntheticSceneKind::Typing, 320, 200), identity(),
        std::move(config));
    if (injected)
        host->setInputInjector(std::make_unique<RecordingInjector>(injected));
    QString error;
    if (!host->start(&error))
        qWarning() << "host did not start:" << error;
    return host;
}

RdpGatewayConfig gatewayConfig(const InviteLink &link, quint16 port = 0)
{
    RdpGatewayConfig config;
    config.link = link;
    config.name = QStringLiteral("gateway under test");
    config.bindAddress = QHostAddress::LocalHost;
    config.port = port;
    config.identity = identity();
    return config;
}

bool rosterHas(const HostSession &host, const std::string &name)
{
    return std::ranges::any_of(host.roster().participants(),
                               [&](const auto &participant) { return participant.name == name; });
}

// The user id of the participant whose roster name starts with prefix; 0 when none does.
uint16_t userIdOf(const HostSession &host, const std::string &prefix)
{
    for (const auto &participant : host.roster().participants())
        if (participant.name.starts_with(prefix))
            return participant.userId;
    return 0;
}

constexpr uint16_t kCtrl = 0x1D;
constexpr uint16_t kAlt = 0x38;
constexpr uint16_t kSpace = 0x39;
constexpr uint16_t kA = 0x1E;
constexpr uint16_t kB = 0x30;

} // namespace

class TestRdpGatewaySession : public QObject {
    Q_OBJECT
private slots:
    void generatedPasswordsUseTheAlphabet()
    {
        const QString alphabet = QString::fromLatin1(GatewayPassword::kAlphabet);
        const QString first = GatewayPassword::generate();
        QCOMPARE(first.size(), GatewayPassword::kLength);
        for (const QChar c : first)
            QVERIFY2(alphabet.contains(c), qPrintable(first));
        QVERIFY(GatewayPassword::generate() != first);
    }

    void servesOnceJoinedWithThePasscode()
    {
        auto host = startHost("424242");
        QVERIFY(host->isRunning());
        RdpGateway gateway(gatewayConfig(host->inviteLink()));
        QSignalSpy serving(&gateway, &RdpGateway::serving);
        QCOMPARE(gateway.port(), quint16(0));
        gateway.start();
        QVERIFY(serving.wait(kTimeoutMs));
        QVERIFY(gateway.viewer().isJoined());
        QTRY_VERIFY_WITH_TIMEOUT(rosterHas(*host, "gateway under test"), kTimeoutMs);

        QCOMPARE(gateway.password(), QStringLiteral("424242"));
        QVERIFY(gateway.port() != 0);
        QCOMPARE(gateway.address(), QStringLiteral("rdp://127.0.0.1:%1").arg(gateway.port()));
        const QString fingerprint = gateway.fingerprint();
        QVERIFY2(QRegularExpression(QStringLiteral("^([0-9A-F]{2}:){31}[0-9A-F]{2}$"))
                     .match(fingerprint)
                     .hasMatch(),
                 qPrintable(fingerprint));
        QCOMPARE(QByteArray::fromHex(fingerprint.toLatin1()), identity().fingerprint);
        // Listening: an RDP client's TCP connection is taken.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, gateway.port());
        QVERIFY(socket.waitForConnected(kTimeoutMs));
    }

    void makesUpAPasswordWhenTheShareHasNone()
    {
        auto host = startHost("");
        RdpGateway gateway(gatewayConfig(host->inviteLink()));
        RdpGateway other(gatewayConfig(host->inviteLink()));
        QCOMPARE(gateway.password().size(), GatewayPassword::kLength);
        QVERIFY(gateway.password() != other.password());
        QSignalSpy serving(&gateway, &RdpGateway::serving);
        gateway.start();
        QVERIFY(serving.wait(kTimeoutMs));
    }

    void anRdpClientJoinsTakesTheFloorAndTypes()
    {
        QStringList injected;
        auto host = startHost("424242", &injected);
        RdpGateway gateway(gatewayConfig(host->inviteLink()));
        QSignalSpy serving(&gateway, &RdpGateway::serving);
        gateway.start();
        QVERIFY(serving.wait(kTimeoutMs));

        test::RdpTestClient client(gateway.port(), gateway.password(), QStringLiteral("rdptest"));
        QTRY_VERIFY_WITH_TIMEOUT(userIdOf(*host, "rdptest via RDP from 127.0.0.1") != 0,
                                 kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), test::RdpTestClient::State::Connected,
                                  kTimeoutMs);
        const uint16_t member = userIdOf(*host, "rdptest via RDP");
        const uint16_t hostId = host->floor().floor().host();
        QCOMPARE(gateway.clientCount(), 1);

        // Without the floor, moves go nowhere and ask for nothing.
        client.mouse(PTR_FLAGS_MOVE, 10, 10);
        // Typing asks for the floor (auto: granted at once); what was typed before the grant
        // is dropped, not replayed.
        client.tap(kA);
        QTRY_COMPARE_WITH_TIMEOUT(host->floor().floor().holder(), member, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(gateway.viewer().floorHolder(), member, kTimeoutMs);
        QVERIFY2(!injected.contains(QStringLiteral("key 1e+")), qPrintable(injected.join('|')));
        QVERIFY2(!injected.contains(QStringLiteral("pointer 0 10,10")),
                 qPrintable(injected.join('|')));

        // With it, keys and the pointer reach the shared window.
        injected.clear();
        client.tap(kB);
        client.mouse(PTR_FLAGS_MOVE, 20, 30);
        QTRY_COMPARE_WITH_TIMEOUT(injected,
                                  (QStringList{QStringLiteral("key 30+"), QStringLiteral("key 30-"),
                                               QStringLiteral("pointer 0 20,30")}),
                                  kTimeoutMs);

        // Ctrl+Alt+Space gives it back, and none of the chord's keys reach the host.
        injected.clear();
        client.key(kCtrl, false, true);
        client.key(kAlt, true, true);
        client.tap(kSpace);
        client.key(kAlt, true, false);
        client.key(kCtrl, false, false);
        QTRY_COMPARE_WITH_TIMEOUT(host->floor().floor().holder(), hostId, kTimeoutMs);
        // The same chord asks for it again.
        client.key(kCtrl, true, true);
        client.key(kAlt, false, true);
        client.tap(kSpace);
        client.key(kAlt, false, false);
        client.key(kCtrl, true, false);
        QTRY_COMPARE_WITH_TIMEOUT(host->floor().floor().holder(), member, kTimeoutMs);
        client.tap(kB);
        QTRY_COMPARE_WITH_TIMEOUT(
            injected, (QStringList{QStringLiteral("key 30+"), QStringLiteral("key 30-")}),
            kTimeoutMs);

        // The gateway sent nothing for the client while it did not hold the floor: the host,
        // which checks again, had nothing to drop.
        QCOMPARE(host->floor().droppedInputEvents(), int64_t(0));

        // Leaving takes the member off the roster, and the floor comes back to the host.
        client.disconnect();
        QTRY_COMPARE_WITH_TIMEOUT(userIdOf(*host, "rdptest via RDP"), uint16_t(0), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(gateway.clientCount(), 0, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(host->floor().floor().holder(), hostId, kTimeoutMs);
    }

    void aMemberTheHostRemovesIsDisconnected()
    {
        auto host = startHost("");
        RdpGateway gateway(gatewayConfig(host->inviteLink()));
        QSignalSpy serving(&gateway, &RdpGateway::serving);
        gateway.start();
        QVERIFY(serving.wait(kTimeoutMs));
        test::RdpTestClient client(gateway.port(), gateway.password(), QStringLiteral("kicked"));
        QTRY_VERIFY_WITH_TIMEOUT(userIdOf(*host, "kicked via RDP") != 0, kTimeoutMs);
        QVERIFY(host->removeViewer(userIdOf(*host, "kicked via RDP"), QStringLiteral("bye")));
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), test::RdpTestClient::State::Disconnected,
                                  kTimeoutMs);
        QCOMPARE(gateway.clientCount(), 0);
        // The gateway itself stays in the share.
        QVERIFY(gateway.viewer().isJoined());
    }

    void theHostsEndIsToldAndFinishes()
    {
        auto host = startHost("");
        RdpGateway gateway(gatewayConfig(host->inviteLink()));
        QSignalSpy serving(&gateway, &RdpGateway::serving);
        QSignalSpy ended(&gateway, &RdpGateway::shareEnded);
        QSignalSpy finished(&gateway, &RdpGateway::finished);
        gateway.start();
        QVERIFY(serving.wait(kTimeoutMs));
        host->stop(protocol::CloseReason::HostEnded);
        QVERIFY(ended.wait(kTimeoutMs));
        const auto info = ended.first().at(0).value<net::CloseInfo>();
        QCOMPARE(info.reason, protocol::CloseReason::HostEnded);
        QCOMPARE(ended.first().at(1).toString(), QStringLiteral("The host ended the share"));
        // No RDP client to wait for: finished at once.
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
    }

    void leavingSaysTheGatewayStopped()
    {
        auto host = startHost("");
        RdpGateway gateway(gatewayConfig(host->inviteLink()));
        QSignalSpy serving(&gateway, &RdpGateway::serving);
        QSignalSpy ended(&gateway, &RdpGateway::shareEnded);
        QSignalSpy left(host.get(), &HostSession::viewerLeft);
        gateway.start();
        QVERIFY(serving.wait(kTimeoutMs));
        gateway.leave();
        QVERIFY(ended.wait(kTimeoutMs));
        QCOMPARE(ended.first().at(0).value<net::CloseInfo>().reason,
                 protocol::CloseReason::ViewerLeft);
        QCOMPARE(ended.first().at(1).toString(), QStringLiteral("The RDP gateway was stopped"));
        QTRY_COMPARE_WITH_TIMEOUT(left.size(), 1, kTimeoutMs);
    }

    void aTakenPortFailsBeforeJoining()
    {
        auto host = startHost("");
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost));
        RdpGateway gateway(gatewayConfig(host->inviteLink(), squatter.serverPort()));
        QSignalSpy failed(&gateway, &RdpGateway::failed);
        QSignalSpy serving(&gateway, &RdpGateway::serving);
        gateway.start();
        QVERIFY(failed.wait(kTimeoutMs));
        QVERIFY2(failed.first().at(0).toString().contains(QStringLiteral("in use")),
                 qPrintable(failed.first().at(0).toString()));
        QCOMPARE(serving.size(), 0);
        QCOMPARE(host->stats().viewersJoined, int64_t(0));
    }

    void aWrongPasscodeFailsWithItsReason()
    {
        auto host = startHost("424242");
        InviteLink link = host->inviteLink();
        link.passcode = QStringLiteral("000000");
        RdpGateway gateway(gatewayConfig(link));
        QSignalSpy failed(&gateway, &RdpGateway::failed);
        QSignalSpy serving(&gateway, &RdpGateway::serving);
        gateway.start();
        QVERIFY(failed.wait(kTimeoutMs));
        QVERIFY2(failed.first().at(0).toString().contains(QStringLiteral("passcode")),
                 qPrintable(failed.first().at(0).toString()));
        QCOMPARE(serving.size(), 0);
    }
};

QTEST_MAIN(TestRdpGatewaySession)
#include "tst_rdpgatewaysession.moc"
