// bench e2e's link emulator (app/cli/bench/Link*) on the real path: a private network
// namespace, tc's token buckets on lo and the delaying relay between a server and a client
// of this test. The rate through it is the profile's, within 10 %, in both directions at
// once; the delay is there both ways; jitter never reorders the stream.
#include "app/cli/bench/LinkRelay.h"
#include "app/cli/bench/LinkShaper.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <unistd.h>

using namespace baton::cli;

namespace {

// Keeps SOCKET's send queue topped up with FILL's bytes and counts what it receives.
class Pump : public QObject {
public:
    explicit Pump(QTcpSocket *socket) : socket_(socket)
    {
        connect(socket, &QTcpSocket::readyRead, this,
                [this] { received += socket_->readAll().size(); });
        connect(socket, &QTcpSocket::bytesWritten, this, &Pump::fill);
    }
    void fill()
    {
        static const QByteArray chunk(16 * 1024, 'x');
        while (sending && socket_->bytesToWrite() < 4 * chunk.size())
            socket_->write(chunk);
    }

    qint64 received = 0;
    bool sending = true;

private:
    QTcpSocket *socket_;
};

LinkProfile profile(const QString &name)
{
    QString error;
    const auto parsed = parseLinkProfile(name, &error);
    if (!parsed)
        qFatal("%s", qPrintable(error));
    return *parsed;
}

} // namespace

class TestLinkEmulator : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void limitsTheRateBothWays();
    void delaysBothWays();
    void jitterKeepsTheOrder();
    void refusesLoss();

private:
    // A server at 127.0.0.1 and a client connected to it through RELAY; the server's end
    // once accepted.
    QTcpSocket *connectThrough(LinkRelay &relay, QTcpServer &server, QTcpSocket &client);

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
    QVERIFY2(shaper_.addLink(1, profile(QStringLiteral("2mbit/50ms")), &error), qPrintable(error));
    QVERIFY2(shaper_.addLink(2, profile(QStringLiteral("20mbit/5ms~20ms")), &error),
             qPrintable(error));
}

QTcpSocket *TestLinkEmulator::connectThrough(LinkRelay &relay, QTcpServer &server,
                                             QTcpSocket &client)
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
    return server.nextPendingConnection();
}

void TestLinkEmulator::limitsTheRateBothWays()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    LinkRelay relay(profile(QStringLiteral("2mbit/50ms")), server.serverPort(),
                    LinkShaper::viewerSide(1), LinkShaper::serverSide(1));
    QTcpSocket client;
    QTcpSocket *serverEnd = connectThrough(relay, server, client);
    QVERIFY(serverEnd);
    Pump toClient(serverEnd);
    Pump toServer(&client);
    toClient.fill();
    toServer.fill();
    // The first second fills the buckets' queues; the next two are measured.
    QTest::qWait(1000);
    QElapsedTimer clock;
    clock.start();
    const qint64 clientFrom = toServer.received;
    const qint64 serverFrom = toClient.received;
    QTest::qWait(2000);
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const double downKbit = double(toServer.received - clientFrom) * 8 / 1000 / seconds;
    const double upKbit = double(toClient.received - serverFrom) * 8 / 1000 / seconds;
    qInfo("server to client %.0f kbit/s, client to server %.0f kbit/s (payload; the link is "
          "2000 kbit/s of frames)",
          downKbit, upKbit);
    QVERIFY2(downKbit > 1800 && downKbit < 2200, qPrintable(QString::number(downKbit)));
    QVERIFY2(upKbit > 1800 && upKbit < 2200, qPrintable(QString::number(upKbit)));
    // The relay counts what it passed on.
    QVERIFY(relay.bytesServerToClient() >= toServer.received);
    QVERIFY(relay.bytesClientToServer() >= toClient.received);
    toClient.sending = false;
    toServer.sending = false;
}

void TestLinkEmulator::delaysBothWays()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    LinkRelay relay(profile(QStringLiteral("2mbit/50ms")), server.serverPort(),
                    LinkShaper::viewerSide(1), LinkShaper::serverSide(1));
    QTcpSocket client;
    QTcpSocket *serverEnd = connectThrough(relay, server, client);
    QVERIFY(serverEnd);
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
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    LinkRelay relay(profile(QStringLiteral("20mbit/5ms~20ms")), server.serverPort(),
                    LinkShaper::viewerSide(2), LinkShaper::serverSide(2));
    QTcpSocket client;
    QTcpSocket *serverEnd = connectThrough(relay, server, client);
    QVERIFY(serverEnd);
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

void TestLinkEmulator::refusesLoss()
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
}

QTEST_GUILESS_MAIN(TestLinkEmulator)
#include "tst_linkemulator.moc"
