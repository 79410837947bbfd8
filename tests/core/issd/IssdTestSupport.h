#pragma once

#include "FakeDisplays.h"

#include "core/issd/IssdAgent.h"
#include "core/issd/IssdClient.h"
#include "core/issd/IssdDiscoverer.h"
#include "core/net/CertificateStore.h"

#include <QDeadlineTimer>
#include <QTcpSocket>
#include <QTest>

namespace baton::issd::test {

inline const QByteArray kSecret = "correct horse battery staple";

// Runs the event loop until pred() holds or timeoutMs pass; returns pred().
template <typename Pred> bool waitFor(Pred pred, int timeoutMs = 10000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!pred() && !deadline.hasExpired())
        QTest::qWait(5);
    return pred();
}

inline IssdSecretStore testSecrets()
{
    IssdSecretStore store;
    store.setSecret(QStringLiteral("default"), kSecret, IssdSecretStore::kMinIterations);
    return store;
}

inline const net::CertificateStore::Identity &testIdentity()
{
    static const auto identity = net::CertificateStore::generate(QStringLiteral("issd-test"));
    return *identity;
}

inline IssdAgentConfig testConfig(TlsPolicy tls = TlsPolicy::Required)
{
    IssdAgentConfig config;
    config.name = QStringLiteral("Test Agent");
    config.bindAddress = QHostAddress::Any;
    config.tcpPort = 0;
    config.udpPort = 0;
    config.announce = false;
    config.discoveryMaxDelayMs = 0;
    config.tls = tls;
    config.authBackoffBase = std::chrono::milliseconds(0);
    config.snapshotInterval = std::chrono::milliseconds(2000);
    return config;
}

inline std::unique_ptr<IssdClient> login(quint16 port, QByteArray secret = kSecret, bool requireTls = true,
                                         QString *failure = nullptr)
{
    IssdClient::Options options;
    options.secret = std::move(secret);
    options.requireTls = requireTls;
    auto client = std::make_unique<IssdClient>(options);
    bool done = false;
    QString reason;
    // The lambdas capture this frame: their connections must end with it (the client
    // reports failed() again when a later test closes it).
    QObject frame;
    QObject::connect(client.get(), &IssdClient::ready, &frame, [&] { done = true; });
    QObject::connect(client.get(), &IssdClient::failed, &frame, [&](const QString &why) {
        reason = why;
        done = true;
    });
    client->connectToAgent(QStringLiteral("127.0.0.1"), port);
    waitFor([&] { return done; });
    if (failure)
        *failure = reason;
    return client;
}

inline IssdClient::Response call(IssdClient &client, const QString &line)
{
    ParseError error;
    const auto command = Command::parse(line.toUtf8(), &error);
    IssdClient::Response response;
    bool done = false;
    if (!command)
        return response;
    client.send(*command, [&](const IssdClient::Response &r) {
        response = r;
        done = true;
    });
    waitFor([&] { return done || !client.isReady(); });
    return response;
}

// A plain TCP connection that speaks raw lines, for what a well-behaved client never sends.
class RawConnection {
public:
    explicit RawConnection(quint16 port, const QHostAddress &from = QHostAddress::LocalHost)
    {
        socket.bind(from, 0);
        socket.connectToHost(QHostAddress::LocalHost, port);
    }
    bool connected() { return waitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }); }
    void send(const QByteArray &bytes) { socket.write(bytes); }
    // The next complete line without CRLF, or a null array after timeoutMs.
    QByteArray line(int timeoutMs = 10000)
    {
        if (!waitFor([&] { return socket.canReadLine(); }, timeoutMs))
            return {};
        return socket.readLine().trimmed();
    }
    // The final line of the next reply (skipping NNN- data lines and events).
    QByteArray finalLine(int timeoutMs = 10000)
    {
        for (;;) {
            QByteArray next = line(timeoutMs);
            if (next.isNull() || (next.size() >= 4 && next[3] == ' '))
                return next;
        }
    }
    bool closedByPeer() { return waitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }); }
    QTcpSocket socket;
};

} // namespace baton::issd::test
