// bench e2e's link emulator (app/cli/bench/Link*) on the real path: a private network
// namespace, tc's token buckets on lo and the delaying relay between a server and a client
// of this test. The rate through it is the profile's, within 10 %, each way; the delay is
// there both ways; jitter never reorders the stream.
#include "app/cli/bench/LinkRelay.h"
#include "app/cli/bench/LinkShaper.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <unistd.h>
#include <utility>

using namespace baton::cli;

namespace {

// Keeps SOCKET's send queue topped up and counts what it receives, and when it last read.
class Pump : public QObject {
public:
    explicit Pump(QTcpSocket *socket) : socket_(socket)
    {
        clock_.start();
        connect(socket, &QTcpSocket::readyRead, this, [this] {
            received += socket_->readAll().size();
            lastReadNs = clock_.nsecsElapsed();
        });
        connect(socket, &QTcpSocket::bytesWritten, this, &Pump::fill);
    }
    void fill()
    {
        static const QByteArray chunk(qsizetype(16) * 1024, 'x');
        while (sending && socket_->bytesToWrite() < 4 * chunk.size())
            socket_->write(chunk);
    }

    qint64 received = 0;
    qint64 lastReadNs = 0;
    bool sending = true;

private:
    QTcpSocket *socket_;
    QElapsedTimer clock_;
};

// kbit/s between two of a pump's (bytes, last read) readings: timed by the reads, so a
// test process kept from running for a moment reads late but not less.
double kbitPerSecond(std::pair<qint64, qint64> from, std::pair<qint64, qint64> to)
{
    return double(to.first - from.first) * 8 / 1000 / (double(to.second - from.second) / 1e9);
}

LinkProfile profile(const QString &name)
{
    QString error;
    const auto parsed = parseLinkProfile(name, &error);
    if (!parsed)
        qFatal("%s", qPrintable(error));
    return *parsed;
}

// The two links the shaper holds for the whole suite: a rate and delay to measure, and
// jitter that must not reorder. Link N's profile is kLinkProfiles[N - 1].
const char *const kLinkProfiles[] = {"2mbit/50ms/0%/1s", "20mbit/5ms~20ms"};
constexpr int kRateLink = 1;
constexpr int kJitterLink = 2;

// A server at 127.0.0.1, a relay of link N in front of it, and a client connected through
// the relay; serverEnd is the server's end once accepted (null if it never was).
struct RelayedConnection {
    explicit RelayedConnection(int link);

    QTcpServer server;
    LinkRelay relay;
    QTcpSocket client;
    QTcpSocket *serverEnd = nullptr;
};

quint16 listeningPort(QTcpServer &server)
{
    if (!server.listen(QHostAddress::LocalHost))
        qFatal("%s", qPrintable(server.errorString()));
    return server.serverPort();
}

RelayedConnection::RelayedConnection(int link)
    : relay(profile(QString::fromLatin1(kLinkProfiles[link - 1])), listeningPort(server),
            LinkShaper::viewerSide(link), LinkShaper::serverSide(link))
{
    QString error;
    if (!relay.listen(&error))
        qFatal("%s", qPrintable(error));
    client.connectToHost(relay.address(), relay.port());
    // The relay accepts and connects on the event loop, which a blocking wait would stop.
    QElapsedTimer clock;
    clock.start();
    while (!server.hasPendingConnections() && clock.elapsed() < 10000)
        QTest::qWait(10);
    serverEnd = server.nextPendingConnection();
}

} // namespace

class TestLinkEmulator : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void limitsTheRate_data();
    void limitsTheRate();
    void delaysBothWays();
    void jitterKeepsTheOrder();
    void parsesProfilesAndRefusesLoss();

private:
    LinkShaper shaper_;
};

void TestLinkEmulator::initTestCase()
{
    QString error;
    if (!LinkShaper::enterPrivateNetwork(&error)) {
        if (geteuid() != 0)
            QSKIP(qPrintable(error));
        QFAIL(qPrintable(error));
    }
    QVERIFY2(shaper_.start(&error), qPrintable(error));
    for (int link : {kRateLink, kJitterLink})
        QVERIFY2(
            shaper_.addLink(link, profile(QString::fromLatin1(kLinkProfiles[link - 1])), &error),
            qPrintable(error));
}

void TestLinkEmulator::limitsTheRate_data()
{
    QTest::addColumn<bool>("serverSends");
    QTest::newRow("server to client") << true;
    QTest::newRow("client to server") << false;
}

void TestLinkEmulator::limitsTheRate()
{
    // One direction at a time: the other carries the acknowledgements, which a link full
    // both ways would queue behind its data, as a real one does.
    QFETCH(bool, serverSends);
    RelayedConnection path(kRateLink);
    QVERIFY(path.serverEnd);
    QTcpSocket *const serverEnd = path.serverEnd;
    QTcpSocket &client = path.client;
    Pump sender(serverSends ? serverEnd : &client);
    // Half a second of data in the sender's kernel at most, less than the bucket's queue
    // holds: TCP never overflows it, so no drop's recovery stalls the link while it is
    // measured, and the sender stays ahead of it while this process waits for a core.
    (serverSends ? serverEnd : &client)
        ->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, 64 * 1024);
    Pump receiver(serverSends ? &client : serverEnd);
    receiver.sending = false;
    sender.fill();
    // The first half second fills the queue; the next 1.5 s are measured.
    QTest::qWait(500);
    const std::pair from{receiver.received, receiver.lastReadNs};
    QTest::qWait(1500);
    const double kbit = kbitPerSecond(from, {receiver.received, receiver.lastReadNs});
    qInfo("%.0f kbit/s of payload (the link is 2000 kbit/s of frames)", kbit);
    QVERIFY2(kbit > 1800 && kbit < 2200, qPrintable(QString::number(kbit)));
    // The relay counts what it passed on.
    QVERIFY((serverSends ? path.relay.bytesServerToClient() : path.relay.bytesClientToServer()) >=
            receiver.received);
    sender.sending = false;
}

void TestLinkEmulator::delaysBothWays()
{
    RelayedConnection path(kRateLink);
    QVERIFY(path.serverEnd);
    QTcpSocket *const serverEnd = path.serverEnd;
    QTcpSocket &client = path.client;
    connect(serverEnd, &QTcpSocket::readyRead, serverEnd,
            [serverEnd] { serverEnd->write(serverEnd->readAll()); });
    // Round trips of one byte: at least the delay each way, never less.
    for (int trip = 0; trip < 3; ++trip) {
        QElapsedTimer clock;
        clock.start();
        client.write("p");
        QTRY_VERIFY_WITH_TIMEOUT(client.bytesAvailable() > 0, 10000);
        const qint64 ms = clock.elapsed();
        QVERIFY2(ms >= 100, qPrintable(QString::number(ms)));
        QCOMPARE(client.readAll(), QByteArray("p"));
    }
}

void TestLinkEmulator::jitterKeepsTheOrder()
{
    RelayedConnection path(kJitterLink);
    QVERIFY(path.serverEnd);
    QTcpSocket *const serverEnd = path.serverEnd;
    QTcpSocket &client = path.client;
    // Many small writes, each one a chunk the relay delays by its own draw of the jitter.
    QByteArray sent;
    for (int i = 0; i < 2000; ++i) {
        const QByteArray piece = QByteArray::number(i) + ',';
        sent += piece;
        serverEnd->write(piece);
        if (i % 100 == 0)
            QTest::qWait(2);
    }
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT((received += client.readAll()).size() >= sent.size(), 20000);
    QCOMPARE(received, sent);
}

void TestLinkEmulator::parsesProfilesAndRefusesLoss()
{
    QString error;
    QVERIFY(parseLinkProfile(QStringLiteral("1mbit/150ms/0%"), &error));
    QVERIFY(!parseLinkProfile(QStringLiteral("1mbit/150ms/1%"), &error));
    QCOMPARE(error, QString::fromLatin1(linkLossRefusal()));
    const auto far = parseLinkProfile(QStringLiteral("far"), &error);
    QVERIFY(far);
    QCOMPARE(far->rateKbit, 1000);
    QCOMPARE(far->delayMs, 150);
    QCOMPARE(far->bufferMs, 1000);
    QVERIFY(!parseLinkProfile(QStringLiteral("fast"), &error));
    const auto jittery = parseLinkProfile(QStringLiteral("20mbit/10ms~5ms"), &error);
    QVERIFY(jittery);
    QCOMPARE(jittery->rateKbit, 20000);
    QCOMPARE(jittery->jitterMs, 5);
    QCOMPARE(jittery->bufferMs, 200);
    QCOMPARE(parseLinkRateKbit(QStringLiteral("512kbit")), std::optional<int>(512));
    QVERIFY(!parseLinkRateKbit(QStringLiteral("512")));
}

QTEST_GUILESS_MAIN(TestLinkEmulator)
#include "tst_linkemulator.moc"
