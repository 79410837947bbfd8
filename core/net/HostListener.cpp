#include "core/net/HostListener.h"

#include "core/net/HostDoor.h"
#include "core/net/Logging.h"

#include <QCoreApplication>
#include <QPointer>
#include <QRegularExpression>
#include <QSslSocket>

#include <algorithm>
#include <utility>

namespace baton::net {

namespace {

uint16_t lastViewerUserId(int maxViewers)
{
    return uint16_t(std::clamp(int(protocol::kFirstViewerUserId) + maxViewers - 1,
                               int(protocol::kFirstViewerUserId), 0xFFFF));
}

// A joined viewer's Connection on its way from the door thread to the listener: owned by
// the queued call that delivers it, so that a call dropped unrun (the listener went first)
// deletes it rather than leaking it.
class Handoff {
public:
    explicit Handoff(Connection *connection) : connection_(connection) { }
    Handoff(const Handoff &) = delete;
    Handoff &operator=(const Handoff &) = delete;
    ~Handoff() { delete connection_.data(); }
    // Null when it went meanwhile (a closed Connection deletes itself).
    Connection *take() { return std::exchange(connection_, nullptr).data(); }

private:
    QPointer<Connection> connection_;
};

} // namespace

HostListener::HostListener(CertificateStore::Identity identity, HostListenerConfig config,
                           QObject *parent)
    : HostListener(std::move(identity), std::move(config), AttemptLimiter::steadyClock(), parent)
{
}

HostListener::HostListener(CertificateStore::Identity identity, HostListenerConfig config,
                           AttemptLimiter::Clock clock, QObject *parent)
    : QObject(parent),
      identity_(std::move(identity)),
      config_(std::move(config)),
      limiter_(std::make_shared<SharedAttemptLimiter>(std::move(clock))),
      userIds_(std::make_shared<UserIdPool>(protocol::kFirstViewerUserId,
                                            lastViewerUserId(config_.maxViewers)))
{
    thread_.setObjectName(QStringLiteral("baton-door"));
}

HostListener::~HostListener()
{
    stop();
    // Joined viewers the door handed over that were not delivered yet: their queued calls
    // are dropped now, while the pool their Connections release into is still here.
    QCoreApplication::removePostedEvents(this, QEvent::MetaCall);
}

bool HostListener::start(QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (door_)
        return true;
    if (!QSslSocket::supportsSsl())
        return fail(tr("TLS is not available: Qt found no usable OpenSSL."));
    if (identity_.certificate.isNull() || identity_.privateKey.isNull())
        return fail(tr("The host has no certificate."));
    static const QRegularExpression sessionPattern(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    if (!sessionPattern.match(QString::fromStdString(config_.policy.sessionId)).hasMatch())
        return fail(tr("The session id must be 1 to 64 letters, digits, '-' or '_'."));
    if (config_.policy.passcode.size() > protocol::HelloPdu::kMaxPasscodeBytes)
        return fail(
            tr("The passcode is longer than %1 bytes.").arg(protocol::HelloPdu::kMaxPasscodeBytes));
    if (config_.maxViewers < 1)
        return fail(tr("The host must accept at least one viewer."));
    if (config_.policy.hostName.size() > protocol::WelcomePdu::kMaxNameBytes)
        return fail(
            tr("The host name is longer than %1 bytes.").arg(protocol::WelcomePdu::kMaxNameBytes));
    if (!(config_.handshakeRate.perSecond > 0) || config_.handshakeRate.burst < 1)
        return fail(tr("The handshake rate must be positive, with a burst of at least one."));

    thread_.start();
    bool listening = false;
    QString listenError;
    // The door is made on its thread, so that everything it holds (its timers, the
    // RefusalLog's among them) lives there; a throwaway object carries the call.
    auto *anchor = new QObject;
    anchor->moveToThread(&thread_);
    QMetaObject::invokeMethod(
        anchor,
        [&, anchor, sessionThread = thread()] {
            anchor->deleteLater();
            door_ = new HostDoor(identity_, config_, limiter_, userIds_, sessionThread);
            connectDoor();
            listening = door_->start();
            if (!listening)
                listenError = door_->errorString();
        },
        Qt::BlockingQueuedConnection);
    if (!listening) {
        stop();
        return fail(tr("Cannot listen on %1 port %2: %3")
                        .arg(config_.bindAddress.toString())
                        .arg(config_.port)
                        .arg(listenError));
    }
    port_ = askDoor([](const HostDoor &door) { return int(door.serverPort()); });
    qCInfo(lcNet) << "host listening on" << config_.bindAddress << port_ << "fingerprint"
                  << identity_.fingerprint.toHex();
    return true;
}

void HostListener::connectDoor()
{
    connect(&thread_, &QThread::finished, door_, &QObject::deleteLater);
    // The door's signals come on its thread: the listener takes them over there (direct)
    // and delivers them on its own thread (queued), so that the session sees one thread.
    connect(
        door_, &HostDoor::joined, this,
        [this](Connection *connection, const protocol::HelloPdu &hello,
               const protocol::WelcomePdu &welcome) {
            auto handoff = std::make_shared<Handoff>(connection);
            QMetaObject::invokeMethod(
                this,
                [this, handoff, hello, welcome] {
                    Connection *joined = handoff->take();
                    if (!joined)
                        return;
                    joined->setParent(this);
                    // Closed on the way: it deletes itself, and nobody needs to hear of it.
                    if (!joined->isOpen())
                        return;
                    connect(joined, &Connection::closed, &freedMemory_,
                            &FreedMemoryReturner::noteReleased);
                    joined->sendPdu(welcome.userChannelId, welcome);
                    emit viewerJoined(joined, hello, welcome);
                },
                Qt::QueuedConnection);
        },
        Qt::DirectConnection);
    connect(
        door_, &HostDoor::refused, this,
        [this](const QHostAddress &address, const CloseInfo &info) {
            QMetaObject::invokeMethod(
                this,
                [this, address, info] {
                    freedMemory_.noteReleased();
                    emit viewerRefused(address, info);
                },
                Qt::QueuedConnection);
        },
        Qt::DirectConnection);
    connect(door_, &HostDoor::handshakeStarted, this, &HostListener::handshakeStarted,
            Qt::DirectConnection);
}

void HostListener::stop()
{
    if (!door_)
        return;
    QMetaObject::invokeMethod(door_, &HostDoor::stop, Qt::BlockingQueuedConnection);
    // The door is deleted on its thread as that finishes (the connection above); what it
    // still holds (refused connections closing) goes with it.
    thread_.quit();
    thread_.wait();
    door_ = nullptr;
}

template <typename F> int HostListener::askDoor(F &&f) const
{
    if (!door_)
        return 0;
    int answer = 0;
    // The door thread never waits for this one, so this cannot deadlock.
    QMetaObject::invokeMethod(
        door_, [&] { answer = f(std::as_const(*door_)); }, Qt::BlockingQueuedConnection);
    return answer;
}

int HostListener::pendingHandshakes() const
{
    return askDoor([](const HostDoor &door) { return door.pending().handshakes(); });
}

int HostListener::busyReplies() const
{
    return askDoor([](const HostDoor &door) { return door.pending().busyReplies(); });
}

int HostListener::pendingFromSource(const QHostAddress &source) const
{
    return askDoor([&](const HostDoor &door) { return door.pending().fromSource(source); });
}

InviteLink HostListener::inviteLink(const QString &advertisedHost) const
{
    InviteLink link;
    link.host = advertisedHost;
    link.port = port_ ? port_ : config_.port;
    link.sessionId = QString::fromStdString(config_.policy.sessionId);
    link.fingerprint = identity_.fingerprint;
    link.passcode = QString::fromStdString(config_.policy.passcode);
    return link;
}

} // namespace baton::net
