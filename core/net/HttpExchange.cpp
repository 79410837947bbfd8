#include "core/net/HttpExchange.h"

#include <QWebSocket>
#include <QWebSocketServer>

namespace baton::net {

HttpExchange::HttpExchange(QSslSocket *socket, const WebSite &site, QObject *parent)
    : QObject(parent), socket_(socket), site_(site)
{
    socket_->setReadBufferSize(HttpRequest::kMaxHeadBytes);
    connect(socket_, &QSslSocket::readyRead, this, &HttpExchange::onReadyRead);
    connect(socket_, &QSslSocket::disconnected, this, [this] {
        emit finished(status_, detail_.isEmpty() ? tr("closed before a whole request") : detail_);
        deleteLater();
    });
    // The door's deadline may delete the socket first.
    connect(socket_, &QObject::destroyed, this, &QObject::deleteLater);
    // From the event loop: the door connects to finished() after making this object, and
    // what was buffered already may be a whole request.
    QMetaObject::invokeMethod(this, &HttpExchange::onReadyRead, Qt::QueuedConnection);
}

void HttpExchange::onReadyRead()
{
    if (!socket_)
        return;
    if (status_ != 0) {
        // Answered: what still comes is read and dropped, so that closing with unread
        // bytes does not reset the connection under the response.
        socket_->skip(socket_->bytesAvailable());
        return;
    }
    const QByteArray buffered = socket_->peek(socket_->bytesAvailable());
    const auto headBytes = HttpRequest::headLength(buffered);
    if (!headBytes) {
        if (buffered.size() >= HttpRequest::kMaxHeadBytes)
            respond(WebSite::error(431, tr("The request head is larger than 8 KiB.")),
                    tr("a request head larger than 8 KiB"));
        return;
    }
    auto parsed = HttpRequest::parse(QByteArrayView(buffered).first(*headBytes));
    if (const auto *failure = std::get_if<HttpRequest::Error>(&parsed)) {
        respond(WebSite::error(failure->status, failure->detail), failure->detail);
        return;
    }
    const auto &request = std::get<HttpRequest>(parsed);
    if (request.path() != "/ws") {
        const WebSite::Response response = site_.answer(request);
        respond(response,
                QStringLiteral("%1 %2").arg(QString::fromLatin1(request.method),
                                            QString::fromLatin1(request.path())));
        return;
    }
    if (request.method != "GET") {
        respond(WebSite::error(405, tr("A WebSocket opens with GET.")),
                tr("%1 /ws").arg(QString::fromLatin1(request.method)));
        return;
    }
    if (!request.header("Upgrade").value_or(QByteArray()).toLower().contains("websocket")) {
        respond(WebSite::error(400, tr("/ws is a WebSocket.")), tr("/ws without an upgrade"));
        return;
    }
    // A page from anywhere else must not join in the name of the person's browser, which
    // would send the host's certificate exception along (cross-site WebSocket hijacking).
    const QByteArray origin = request.header("Origin").value_or(QByteArray());
    const QByteArray host = request.header("Host").value_or(QByteArray());
    if (host.isEmpty() || origin.compare("https://" + host, Qt::CaseInsensitive) != 0) {
        respond(WebSite::error(403, tr("This WebSocket serves the host's own page only.")),
                tr("a WebSocket from origin '%1'").arg(QString::fromLatin1(origin.left(100))));
        return;
    }
    upgrade();
}

void HttpExchange::respond(const WebSite::Response &response, const QString &detail)
{
    status_ = response.status;
    detail_ = detail;
    // What the client still sends is dropped (onReadyRead) rather than held.
    socket_->setReadBufferSize(0);
    socket_->skip(socket_->bytesAvailable());
    socket_->write(response.bytes);
    socket_->disconnectFromHost();
}

void HttpExchange::upgrade()
{
    // From here the request's bytes are Qt's to read (handleConnection() finds them
    // already buffered and handles them from the event loop).
    socket_->disconnect(this);
    connect(socket_, &QObject::destroyed, this, &QObject::deleteLater);
    upgrader_ = new QWebSocketServer(QString(), QWebSocketServer::NonSecureMode, this);
    connect(upgrader_, &QWebSocketServer::newConnection, this, [this] {
        QWebSocket *webSocket = upgrader_->nextPendingConnection();
        if (!webSocket)
            return;
        // The server would delete the socket when it disconnects; the WebSocket owns it now.
        socket_->disconnect(upgrader_);
        socket_->disconnect(this);
        emit upgraded(webSocket);
        deleteLater();
    });
    // Qt closes the socket when it refuses the handshake.
    connect(socket_, &QSslSocket::disconnected, this, [this] {
        emit finished(0, tr("WebSocket handshake refused: %1").arg(upgrader_->errorString()));
        deleteLater();
    });
    upgrader_->handleConnection(socket_);
}

} // namespace baton::net
