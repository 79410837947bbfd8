#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QWebSocket>

#include <map>
#include <optional>

namespace baton::cli {

// A Chrome DevTools Protocol client on the browser's own endpoint (ws://127.0.0.1:PORT/
// devtools/browser/ID): one connection for every page, each page a flattened session
// (Target.attachToTarget with flatten), so commands and events carry a sessionId.
// Used on one thread; call() runs the event loop until its answer comes. Events (messages
// without an id) are dropped: nothing here subscribes to a domain's events.
class CdpClient : public QObject {
    Q_OBJECT

public:
    static constexpr int kCallTimeoutMs = 30000;

    explicit CdpClient(QObject *parent = nullptr);

    // Connects to the browser endpoint; false with the reason after timeoutMs.
    bool open(const QUrl &browserEndpoint, int timeoutMs, QString *error);
    bool isOpen() const { return socket_.state() == QAbstractSocket::ConnectedState; }

    // Sends METHOD with PARAMS (to the page session SESSIONID, or the browser when empty) and
    // waits for its answer: the result object, or nullopt with CDP's error message, a
    // closed connection or a timeout in *error.
    std::optional<QJsonObject> call(const QString &method, const QJsonObject &params = {},
                                    const QString &sessionId = {}, QString *error = nullptr,
                                    int timeoutMs = kCallTimeoutMs);

private:
    void receive(const QString &message);

    QWebSocket socket_;
    int nextId_ = 1;
    // Answers that arrived, by the id of their command, until call() takes them.
    std::map<int, QJsonObject> answers_;
};

} // namespace baton::cli
