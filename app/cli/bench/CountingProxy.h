#pragma once

#include <QObject>
#include <QTcpServer>

namespace baton::cli {

// A loopback TCP relay that counts the bytes each way: the e2e benchmark puts one between
// every viewer and its server (Baton or the peer), so both systems are measured the same
// way, on the wire, TLS and framing included.
class CountingProxy : public QObject {
public:
    explicit CountingProxy(quint16 targetPort, QObject *parent = nullptr);

    // Listens on 127.0.0.1 at a free port; false with the reason when it cannot.
    bool listen(QString *error);
    quint16 port() const { return server_.serverPort(); }
    // Server to viewers and viewers to server, over every connection so far.
    qint64 bytesServerToClient() const { return bytesS2c_; }
    qint64 bytesClientToServer() const { return bytesC2s_; }
    int connections() const { return connections_; }

private:
    void accept();

    QTcpServer server_;
    quint16 targetPort_;
    qint64 bytesS2c_ = 0;
    qint64 bytesC2s_ = 0;
    int connections_ = 0;
};

} // namespace baton::cli
