#pragma once

#include "core/net/Connection.h"

#include <QHostAddress>
#include <QTcpServer>

// Test-only transport: plaintext Baton framing, so that a packet capture can be read by
// other dissectors (tst_wiresharkdecode). It refuses to listen on anything but a loopback
// address, and Connection itself refuses a plaintext peer that is not loopback, so the
// unencrypted path cannot reach a real network.
class PlainLoopbackListener : public QTcpServer {
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

    // Listens on address (which must be loopback) and an ephemeral port.
    bool start(const QHostAddress &address, QString *error);

signals:
    // A plaintext host-side connection, parented to the listener.
    void accepted(baton::net::Connection *connection);

protected:
    void incomingConnection(qintptr socketDescriptor) override;
};
