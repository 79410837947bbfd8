#pragma once

#include "core/issd/IssdAgentConfig.h"
#include "core/issd/IssdAuthBackoff.h"
#include "core/issd/IssdAuthenticator.h"
#include "core/issd/IssdLineReader.h"
#include "core/issd/IssdMessages.h"
#include "core/issd/IssdRefusalLog.h"
#include "core/issd/IssdReply.h"
#include "core/common/TokenBucket.h"

#include <QObject>
#include <QSslCertificate>
#include <QSslKey>

#include <functional>
#include <memory>

class QSslSocket;
class QTimer;

namespace baton::issd {

// One control connection of the agent, from greeting to close: the session state
// machine (HELLO, STARTTLS, AUTH), line framing, the command rate limit, timeouts
// and back-pressure. Commands after AUTH go to Services::dispatch; events from the
// agent are written only between complete replies.
class IssdSession : public QObject {
    Q_OBJECT
public:
    struct Services {
        const IssdAgentConfig *config = nullptr;
        const IssdSecretStore *secrets = nullptr;
        IssdAuthBackoff *backoff = nullptr;
        IssdRefusalLog *refusals = nullptr; // why peers were cut or failed AUTH
        QString serverId;
        QString name;
        QByteArray decoySeed;
        QSslCertificate certificate; // null: STARTTLS is not offered
        QSslKey privateKey;
        std::function<QStringList()> capabilities; // HELLO lines after starttls/auth
        std::function<Reply(IssdSession &, const Command &)> dispatch;
        std::function<bool()> mayAuthenticate; // false when the agent is full
    };
    enum class State { Greeted, AwaitingProof, Authenticated, Closing };

    IssdSession(quint64 id, QSslSocket *socket, const Services &services,
                QObject *parent = nullptr);
    ~IssdSession() override;

    quint64 id() const { return id_; }
    QString name() const { return QStringLiteral("s%1").arg(id_); }
    QHostAddress peer() const { return peer_; }
    bool isAuthenticated() const { return state_ == State::Authenticated; }
    bool isEncrypted() const;
    QByteArray eventKey() const { return eventKey_; }

    void sendEvent(const Event &event);
    // Whether a close counts as a refusal in the agent's summaries of what it refused.
    enum class CloseCause { PeerRefused, Ended };
    // Says why with a 421 line and closes once it has been written.
    void closeWith(const QString &reason, CloseCause cause = CloseCause::PeerRefused);

signals:
    void authenticatedNow();
    void closed();

private:
    void onReadyRead();
    void processLines();
    void handleLine(const LineReader::Line &line);
    Reply handleCommand(const Command &command);
    Reply hello(const Command &command);
    Reply startTls();
    Reply auth(const Command &command);
    void handleProof(QByteArrayView line);
    void write(const QByteArray &bytes);
    void flushEvents();
    // Moves at most the reader's room from the socket into it; returns the bytes moved.
    qint64 pullFromSocket();
    void scheduleNextTurn();

    quint64 id_;
    QSslSocket *socket_;
    const Services &services_;
    QHostAddress peer_;
    State state_ = State::Greeted;
    bool helloDone_ = false;
    bool startTlsPending_ = false;
    bool inCommand_ = false;
    bool passScheduled_ = false;
    int authFailures_ = 0;
    LineReader reader_;
    TokenBucket bucket_;
    // Lines over the rate still allowed: each answered 452 takes one, time gives them back.
    TokenBucket overRateAllowance_;
    std::unique_ptr<IssdAuthenticator> authenticator_;
    QByteArray eventKey_;
    QList<QByteArray> pendingEvents_;
    QTimer *authTimer_;
    QTimer *idleTimer_;
};

} // namespace baton::issd
