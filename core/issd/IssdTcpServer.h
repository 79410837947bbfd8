#pragma once

#include <QTcpServer>

namespace baton::issd {

// A QTcpServer that hands over raw socket descriptors, so that the agent can wrap
// them in QSslSocket (which starts in plaintext and upgrades on STARTTLS; QSslServer
// would start TLS at once).
class IssdTcpServer : public QTcpServer {
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

signals:
    void descriptorReady(qintptr descriptor);

protected:
    void incomingConnection(qintptr descriptor) override { emit descriptorReady(descriptor); }
};

} // namespace baton::issd
