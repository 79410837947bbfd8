#pragma once

#include "core/net/WebSite.h"

#include <QObject>
#include <QPointer>
#include <QSslSocket>

class QWebSocket;
class QWebSocketServer;

namespace baton::net {

// One HTTP connection at the host's door, from its first request byte to its answer or
// its WebSocket upgrade (docs/protocol.md §1). The head is peeked, never consumed, and is
// at most HttpRequest::kMaxHeadBytes: beyond that the socket reads no further and the
// client gets 431. A request for /ws that carries Upgrade: websocket and an Origin of
// https://<Host> is handed to Qt's WebSocket server with its bytes still in the socket;
// anything else gets the WebSite's answer (or an error) and "Connection: close".
//
// Lives on the door thread; the door owns the socket's pending-handshake slot and deadline
// (the socket stays the door's child until upgraded) and this object deletes itself when
// the socket goes or is upgraded.
class HttpExchange : public QObject {
    Q_OBJECT
public:
    HttpExchange(QSslSocket *socket, const WebSite &site, QObject *parent = nullptr);

signals:
    // The socket has gone: answered with status (0: no answer, e.g. the client left or Qt
    // refused the WebSocket handshake), and why, in words.
    void finished(int status, const QString &detail);
    // Qt accepted the WebSocket handshake: webSocket (no parent) runs over the socket
    // from now on. finished() does not follow.
    void upgraded(QWebSocket *webSocket);

private:
    void onReadyRead();
    void respond(const WebSite::Response &response, const QString &detail);
    void upgrade();

    QPointer<QSslSocket> socket_;
    const WebSite &site_;
    QWebSocketServer *upgrader_ = nullptr;
    int status_ = 0;
    QString detail_;
};

} // namespace baton::net
