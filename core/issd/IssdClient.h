#pragma once

#include "core/issd/IssdLineReader.h"
#include "core/issd/IssdMessages.h"

#include <QObject>
#include <QSslCertificate>

#include <deque>
#include <functional>

class QSslSocket;
class QTimer;

namespace baton::issd {

// The client end of ISSD, used by the Displays panel and `baton-cli issd`: connects,
// reads the greeting, says HELLO, upgrades with STARTTLS, authenticates (checking the
// agent's proof), then sends commands, pipelined, each with a callback for its reply.
// Events arrive through eventReceived(). Runs on the thread that created it.
class IssdClient : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString keyId = QStringLiteral("default");
        QByteArray secret;
        bool requireTls = true;
        // SHA-256 of the agent's certificate DER; empty: accept any and report it with
        // certificateSeen() so the caller can pin it (trust on first use).
        QByteArray pinnedFingerprint;
        QString clientName = QStringLiteral("baton");
        int timeoutMs = 15000; // for connecting and for the whole login
    };
    struct Response {
        int code = 0;
        QString word;
        QString text;
        QStringList data;
        bool isSuccess() const { return code >= 200 && code < 400; }
        QString toString() const; // "CODE WORD text"
    };
    using Callback = std::function<void(const Response &)>;

    explicit IssdClient(Options options, QObject *parent = nullptr);
    ~IssdClient() override;

    void connectToAgent(const QString &host, quint16 port);
    // Sends one command once ready (queued before). The callback runs with its reply;
    // commands are answered in order.
    void send(const Command &command, Callback callback);
    void disconnectFromAgent();

    bool isReady() const { return ready_; }
    bool isEncrypted() const;
    QByteArray peerFingerprint() const { return peerFingerprint_; }
    QStringList capabilities() const { return capabilities_; }
    QString serverId() const { return serverId_; }
    QString sessionName() const { return sessionName_; }
    QByteArray eventKey() const { return eventKey_; }

    static QByteArray fingerprintOf(const QSslCertificate &certificate);

signals:
    void certificateSeen(const QByteArray &fingerprint);
    void ready();
    void failed(const QString &reason);
    void eventReceived(const baton::issd::Event &event);
    void disconnected();

private:
    void onReadyRead();
    void handleLine(const QByteArray &line);
    void expect(Callback callback);
    void writeLine(const QByteArray &line);
    void fail(const QString &reason);
    void sayHello();
    void onHello(const Response &response);
    void startTls();
    void authenticate();
    void onChallenge(const Response &response, const QString &clientNonce);
    void flushQueue();

    Options options_;
    QSslSocket *socket_;
    QTimer *loginTimer_;
    LineReader reader_;
    std::deque<Callback> pending_;
    QStringList partialData_;
    std::deque<std::pair<QByteArray, Callback>> queued_;
    QStringList capabilities_;
    QString serverId_;
    QString sessionName_;
    QByteArray peerFingerprint_;
    QByteArray eventKey_;
    QByteArray cachedKey_;  // K for cachedSalt_/cachedIterations_
    QString cachedSalt_;
    int cachedIterations_ = 0;
    bool ready_ = false;
    bool failed_ = false;
};

} // namespace baton::issd
