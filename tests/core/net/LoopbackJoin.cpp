#include "LoopbackJoin.h"

#include <QSslConfiguration>
#include <QSslSocket>

#include <chrono>

namespace baton::test {

const net::CertificateStore::Identity &hostIdentity()
{
    static const auto identity = net::CertificateStore::generate(QStringLiteral("test host"));
    return *identity;
}

std::unique_ptr<Join> startJoin(const InviteLink &link, const std::string &name)
{
    auto attempt = std::make_unique<Join>();
    net::ViewerOptions options;
    options.displayName = name;
    attempt->connector = std::make_unique<net::ViewerConnector>(link, options);
    Join *raw = attempt.get();
    // The connector is the context: it goes with the attempt.
    QObject::connect(raw->connector.get(), &net::ViewerConnector::joined, raw->connector.get(),
                     [raw](net::Connection *connection, const protocol::WelcomePdu &welcome) {
                         raw->connection = connection;
                         raw->welcome = welcome;
                     });
    QObject::connect(raw->connector.get(), &net::ViewerConnector::failed, raw->connector.get(),
                     [raw](const net::CloseInfo &info) { raw->failure = info; });
    raw->connector->start();
    return attempt;
}

HandshakeFlood::HandshakeFlood(quint16 port, int clients)
{
    for (int i = 0; i < clients; ++i)
        threads_.emplace_back([this, port] { run(port); });
}

HandshakeFlood::~HandshakeFlood()
{
    stop();
}

void HandshakeFlood::stop()
{
    stopping_ = true;
    for (std::thread &thread : threads_)
        thread.join();
    threads_.clear();
}

void HandshakeFlood::run(quint16 port)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    while (!stopping_) {
        // Blocking calls: this thread has no event loop. A short wait, so that stop() is
        // prompt even while the host keeps connections waiting in its backlog.
        QSslSocket socket;
        socket.setSslConfiguration(tls);
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        const bool encrypted = socket.waitForEncrypted(1000);
        socket.abort();
        if (encrypted) {
            ++handshakes_;
        } else {
            ++failures_;
            // A stopped host refuses at once: no busy loop of refused connects.
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
}

} // namespace baton::test
