// RdpServer under attack from peers that never log on, over real sockets: a flood of
// garbage and silent connections from one source leaves room for Debian's xfreerdp to join
// at once; a source's connections logging on are limited, and counted apart from the live
// clients; wrong passwords block their source, and the right one gets in once the block has
// passed; a connection that does not log on is cut at the logon deadline.

#include "../capture/PrivateXServer.h"
#include "RdpTestClient.h"
#include "core/net/CertificateStore.h"
#include "core/rdp/RdpServer.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <optional>
#include <sys/prctl.h>
#include <vector>

using namespace baton;
using namespace baton::rdp;

namespace {

constexpr int kTimeoutMs = 30000;
const QString kPassword = QStringLiteral("correct horse");
// The attacker's source: loopback, but not the address the honest clients come from.
const QHostAddress kAttacker(QStringLiteral("127.0.0.2"));

enum class Behaviour {
    Silent, // connects and sends nothing
    LongPdu, // a TPKT header announcing 65,535 bytes, then nothing more
};

// A connection from the attacker's source.
std::unique_ptr<QTcpSocket> attack(quint16 port, Behaviour behaviour)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->bind(kAttacker);
    socket->connectToHost(QHostAddress::LocalHost, port);
    if (behaviour == Behaviour::LongPdu) {
        QTcpSocket *raw = socket.get();
        QObject::connect(raw, &QTcpSocket::connected, raw,
                         [raw] { raw->write(QByteArray::fromHex("0300ffff0ee000")); });
    }
    return socket;
}

int closedCount(const std::vector<std::unique_ptr<QTcpSocket>> &sockets)
{
    int closed = 0;
    for (const auto &socket : sockets)
        closed += socket->state() == QAbstractSocket::UnconnectedState ? 1 : 0;
    return closed;
}

bool everyOneConnectedOrClosed(const std::vector<std::unique_ptr<QTcpSocket>> &sockets)
{
    for (const auto &socket : sockets) {
        const auto state = socket->state();
        if (state != QAbstractSocket::ConnectedState && state != QAbstractSocket::UnconnectedState)
            return false;
    }
    return true;
}

} // namespace

class TestRdpServerLimits : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void aFloodFromOneSourceLeavesRoomForARealClient();
    void connectionsLoggingOnAreLimitedPerSource();
    void wrongPasswordsAreRateLimited();
    void aConnectionThatDoesNotLogOnIsCut();

private:
    bool startServer(const RdpServerConfig &config);
    RdpServerConfig config() const;

    test::PrivateXServer xserver_;
    std::optional<net::CertificateStore::Identity> identity_;
    std::unique_ptr<RdpServer> server_;
};

void TestRdpServerLimits::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("xfreerdp")).isEmpty())
        QFAIL("xfreerdp is not installed (Debian: freerdp2-x11)");
    QString error;
    QVERIFY2(!xserver_.start(24, QSize(1024, 768), {}, &error).isEmpty(), qPrintable(error));
    identity_ = net::CertificateStore::generate(QStringLiteral("tst_rdpserverlimits"), &error);
    QVERIFY2(identity_, qPrintable(error));
}

void TestRdpServerLimits::cleanup()
{
    server_.reset();
}

RdpServerConfig TestRdpServerLimits::config() const
{
    RdpServerConfig config;
    config.bindAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.password = kPassword;
    config.certificatePem = identity_->certificate.toPem();
    config.privateKeyPem = identity_->privateKey.toPem();
    return config;
}

bool TestRdpServerLimits::startServer(const RdpServerConfig &config)
{
    server_ = std::make_unique<RdpServer>(config);
    QString error;
    if (!server_->listen(&error) || server_->port() == 0) {
        qWarning() << "RdpServer did not listen:" << error;
        return false;
    }
    return true;
}

void TestRdpServerLimits::aFloodFromOneSourceLeavesRoomForARealClient()
{
    // The default limits, as the gateway runs, but for a source's rate, which refills so slowly
    // here that the count of connections cut does not depend on how fast they came.
    RdpServerConfig defaults = config();
    defaults.limits.perSourcePerMinute = 0.1;
    QVERIFY(startServer(defaults));
    const int admitted = int(defaults.limits.perSourceBurst);

    // More connections than the live clients' places, half silent, half stuck in a long PDU.
    std::vector<std::unique_ptr<QTcpSocket>> flood;
    for (int i = 0; i < 40; ++i)
        flood.push_back(attack(server_->port(), i % 2 ? Behaviour::LongPdu : Behaviour::Silent));
    QTRY_VERIFY_WITH_TIMEOUT(everyOneConnectedOrClosed(flood), kTimeoutMs);
    // Past its burst of connections the source is cut at once.
    QTRY_COMPARE_WITH_TIMEOUT(closedCount(flood), 40 - admitted, kTimeoutMs);

    // xfreerdp joins while the rest still hang (the logon deadline has not passed).
    QSignalSpy joined(server_.get(), &RdpServer::clientJoined);
    QTemporaryDir home;
    QProcess xfreerdp;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DISPLAY"), xserver_.displayName());
    environment.insert(QStringLiteral("HOME"), home.path());
    xfreerdp.setProcessEnvironment(environment);
    xfreerdp.setProcessChannelMode(QProcess::MergedChannels);
    xfreerdp.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    xfreerdp.start(QStringLiteral("xfreerdp"),
                   {QStringLiteral("/v:127.0.0.1:%1").arg(server_->port()),
                    QStringLiteral("/u:viewer"), QStringLiteral("/p:%1").arg(kPassword),
                    QStringLiteral("/sec:tls"), QStringLiteral("/cert:ignore"),
                    QStringLiteral("/bpp:32"), QStringLiteral("/log-level:WARN")});
    QVERIFY2(joined.wait(kTimeoutMs) || !joined.isEmpty(), xfreerdp.readAll().constData());
    QCOMPARE(joined.first().first().value<RdpClientInfo>().address, QHostAddress::LocalHost);
    xfreerdp.terminate();
    QVERIFY(QTest::qWaitFor([&] { return xfreerdp.state() == QProcess::NotRunning; }, kTimeoutMs));
}

void TestRdpServerLimits::connectionsLoggingOnAreLimitedPerSource()
{
    RdpServerConfig limited = config();
    limited.maxClients = 1;
    limited.limits.maxPending = 8;
    limited.limits.maxPendingPerSource = 4; // applied from 4 pending on (half the slots)
    // Longer than the test: the four that stay must still be pending at its end.
    limited.limits.logonTimeout = std::chrono::minutes(2);
    QVERIFY(startServer(limited));

    std::vector<std::unique_ptr<QTcpSocket>> flood;
    for (int i = 0; i < 6; ++i)
        flood.push_back(attack(server_->port(), Behaviour::Silent));
    QTRY_VERIFY_WITH_TIMEOUT(everyOneConnectedOrClosed(flood), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(closedCount(flood), 2, kTimeoutMs);

    // The four logging on take no live client's place: the one place is still there.
    QSignalSpy joined(server_.get(), &RdpServer::clientJoined);
    test::RdpTestClient client(server_->port(), kPassword, QStringLiteral("honest"));
    QTRY_COMPARE_WITH_TIMEOUT(joined.count(), 1, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), test::RdpTestClient::State::Connected, kTimeoutMs);
    QCOMPARE(closedCount(flood), 2);

    // With that place taken, the next one is refused at once.
    test::RdpTestClient second(server_->port(), kPassword, QStringLiteral("second"));
    QTRY_COMPARE_WITH_TIMEOUT(second.state(), test::RdpTestClient::State::Failed, kTimeoutMs);
    QCOMPARE(server_->clientCount(), 1);
}

void TestRdpServerLimits::wrongPasswordsAreRateLimited()
{
    RdpServerConfig limited = config();
    limited.limits.wrongPasswords.maxFailures = 3;
    limited.limits.wrongPasswords.blockDuration = std::chrono::seconds(2);
    // Retries below are many and quick: only the password limit is under test here.
    limited.limits.perSourceBurst = 1000;
    limited.limits.totalBurst = 1000;
    QVERIFY(startServer(limited));
    QSignalSpy joined(server_.get(), &RdpServer::clientJoined);

    // Whether a client with password joined; nothing when it neither joined nor ended.
    const auto attempt = [&](const QString &password) -> std::optional<bool> {
        const qsizetype before = joined.count();
        test::RdpTestClient client(server_->port(), password, QStringLiteral("guess"));
        const auto ended = [&] {
            const auto state = client.state();
            return state == test::RdpTestClient::State::Failed ||
                state == test::RdpTestClient::State::Disconnected;
        };
        if (!QTest::qWaitFor([&] { return joined.count() > before || ended(); }, kTimeoutMs))
            return std::nullopt;
        return joined.count() > before;
    };
    for (int i = 0; i < 3; ++i)
        QCOMPARE(attempt(QStringLiteral("wrong %1").arg(i)), std::optional(false));
    // Blocked: even the right password is cut at accept.
    QCOMPARE(attempt(kPassword), std::optional(false));
    QCOMPARE(joined.count(), 0);

    // Once the block has passed, the right password gets in; tried again as a person would,
    // a few times a second.
    QElapsedTimer lastTry;
    lastTry.start();
    QVERIFY(QTest::qWaitFor(
        [&] {
            if (lastTry.elapsed() < 250)
                return false;
            lastTry.restart();
            return attempt(kPassword) == std::optional(true);
        },
        kTimeoutMs));
    QCOMPARE(joined.count(), 1);
}

void TestRdpServerLimits::aConnectionThatDoesNotLogOnIsCut()
{
    RdpServerConfig quick = config();
    quick.limits.logonTimeout = std::chrono::seconds(1);
    QVERIFY(startServer(quick));

    // FreeRDP waits for the whole PDU announced; only the deadline ends the wait (the
    // old one was 30 s, longer than this wait).
    const auto stuck = attack(server_->port(), Behaviour::LongPdu);
    QVERIFY(stuck->waitForConnected(kTimeoutMs));
    QVERIFY(QTest::qWaitFor([&] { return stuck->state() == QAbstractSocket::UnconnectedState; },
                            20000));
}

QTEST_GUILESS_MAIN(TestRdpServerLimits)
#include "tst_rdpserverlimits.moc"
