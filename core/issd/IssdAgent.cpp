#include "core/issd/IssdAgent.h"

#include "BatonVersion.h"
#include "core/common/SourceAddress.h"
#include "core/issd/IssdDiscoveryResponder.h"
#include "core/issd/IssdTcpServer.h"
#include "core/issd/Logging.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSslSocket>
#include <QSysInfo>
#include <QTimer>

namespace baton::issd {
namespace {

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return bytes;
}

IssdDisplayProperties::Properties layoutProperties(const display::DisplayInfo &display)
{
    const auto &layout = display.layout;
    IssdDisplayProperties::Properties props = {
        {QStringLiteral("connected"),
         display.connected ? QStringLiteral("yes") : QStringLiteral("no")},
        {QStringLiteral("enabled"), layout.enabled ? QStringLiteral("yes") : QStringLiteral("no")},
        {QStringLiteral("primary"), layout.primary ? QStringLiteral("yes") : QStringLiteral("no")}};
    if (layout.enabled && layout.mode) {
        props.append({QStringLiteral("mode"), layout.mode->toString()});
        props.append({QStringLiteral("position"),
                      QStringLiteral("%1,%2").arg(layout.position.x()).arg(layout.position.y())});
        props.append({QStringLiteral("rotation"), QString::number(layout.rotationDeg)});
    }
    return props;
}

} // namespace

IssdAgent::IssdAgent(IssdAgentConfig config, IssdSecretStore secrets,
                     display::DisplaySystem &displays, QObject *parent)
    : QObject(parent),
      config_(std::move(config)),
      secrets_(std::move(secrets)),
      displays_(displays),
      backoff_({config_.authBackoffBase, config_.authBackoffMax, 1024}),
      refusals_(config_.refusalLogInterval),
      properties_(displays),
      operations_(new IssdOperations(this)),
      subscriptions_(QString()) // the server id is known only at start()
{
    services_.config = &config_;
    services_.secrets = &secrets_;
    services_.backoff = &backoff_;
    services_.refusals = &refusals_;
    services_.name = config_.name.isEmpty() ? QSysInfo::machineHostName() : config_.name;
    services_.decoySeed = randomBytes(32);
    services_.capabilities = [this] { return capabilities(); };
    services_.dispatch = [this](IssdSession &session, const Command &command) {
        return dispatcher_->dispatch(session, command);
    };
    services_.mayAuthenticate = [this] { return authenticatedSessions() < config_.maxSessions; };
    connect(operations_, &IssdOperations::revertDue, this, &IssdAgent::revert);
    connect(displays_.layout.get(), &display::DisplayBackend::layoutChanged, this,
            [this] { publishLayout(QString(), 0); });
}

IssdAgent::~IssdAgent()
{
    stop();
}

void IssdAgent::setTlsIdentity(const QSslCertificate &certificate, const QSslKey &privateKey)
{
    services_.certificate = certificate;
    services_.privateKey = privateKey;
}

void IssdAgent::setShareDisplay(ShareDisplay *share)
{
    share_ = share;
    const auto shareEvent = [this](const QString &displayId, const Arguments &details) {
        publish(QStringLiteral("share"), displayId, details, 0);
    };
    connect(share_, &ShareDisplay::started, this,
            [shareEvent](const QString &displayId, quint64 op) {
                shareEvent(displayId,
                           {{QStringLiteral("state"), QStringLiteral("started")},
                            {QStringLiteral("op"), QString::number(op)}});
            });
    connect(share_, &ShareDisplay::failed, this,
            [shareEvent](const QString &displayId, quint64 op, const QString &reason) {
                shareEvent(displayId,
                           {{QStringLiteral("state"), QStringLiteral("failed")},
                            {QStringLiteral("op"), QString::number(op)},
                            {QStringLiteral("code"), QString::number(kErrShare)},
                            {QStringLiteral("reason"), reason}});
            });
    connect(share_, &ShareDisplay::ended, this,
            [shareEvent](const QString &displayId, const QString &reason) {
                shareEvent(displayId,
                           {{QStringLiteral("state"), QStringLiteral("ended")},
                            {QStringLiteral("reason"), reason}});
            });
}

bool IssdAgent::start(QString *error)
{
    if (config_.serverId.isEmpty()) {
        const QByteArray seed = services_.certificate.isNull()
            ? randomBytes(8)
            : QCryptographicHash::hash(services_.certificate.toDer(), QCryptographicHash::Sha256);
        config_.serverId = QString::fromLatin1(seed.first(8).toHex());
    }
    services_.serverId = config_.serverId;
    subscriptions_ = IssdSubscriptions(config_.serverId);
    dispatcher_ = std::make_unique<IssdCommandDispatcher>(IssdCommandDispatcher::Parts{
        &config_, &properties_, operations_, &subscriptions_, identifier_, snapshotter_, share_,
        [this] { return serverFacts(); },
        [this](const QString &displayId, const IssdDisplayProperties::Properties &props,
               const QString &by, quint64 op) {
            Arguments details;
            for (const auto &[name, value] : props)
                details.add(name, value);
            publish(QStringLiteral("prop"), displayId, details, 0, by, op);
        },
        [this](const QString &by, quint64 op) { publishLayout(by, op); },
        [this](const QString &type, const QString &displayId, const Arguments &details,
               quint64 only) { publish(type, displayId, details, only); }});
    for (const auto &display : properties_.refresh())
        lastLayout_.insert(display.id, layoutProperties(display));

    server_ = new IssdTcpServer(this);
    connect(server_, &IssdTcpServer::descriptorReady, this, &IssdAgent::accept);
    // A burst of connections must queue in the kernel rather than wait for SYN-ACK retries.
    server_->setListenBacklogSize(config_.maxUnauthenticated + config_.maxSessions);
    if (!server_->listen(config_.bindAddress, config_.tcpPort)) {
        *error = QStringLiteral("cannot listen on TCP port %1: %2")
                     .arg(config_.tcpPort)
                     .arg(server_->errorString());
        return false;
    }
    if (config_.udp) {
        IssdDiscoveryResponder::Config udp{config_.udpPort, config_.bindAddress,
                                           config_.discoveryMaxDelayMs, config_.announce};
        discovery_ = new IssdDiscoveryResponder(
            udp, config_.serverId, [this] { return hereFields(); }, this);
        if (!discovery_->start(error))
            return false;
    }
    startedAt_ = QDateTime::currentDateTimeUtc();
    qCInfo(lcIssd) << "agent" << services_.name << "id" << config_.serverId << "on TCP" << tcpPort()
                   << "UDP" << udpPort() << "TLS"
                   << (services_.certificate.isNull()           ? "unavailable"
                           : config_.tls == TlsPolicy::Required ? "required"
                                                                : "optional");
    return true;
}

void IssdAgent::stop()
{
    if (!server_)
        return;
    publish(QStringLiteral("shutdown"), QString(), {}, 0);
    server_->close();
    for (auto &[id, session] : sessions_)
        session->closeWith(QStringLiteral("agent shutting down"), IssdSession::CloseCause::Ended);
    qCInfo(lcIssd) << "agent stopped;" << sessions_.size() << "connection(s) closed";
    if (discovery_)
        discovery_->stop();
    server_ = nullptr;
}

quint16 IssdAgent::tcpPort() const
{
    return server_ ? server_->serverPort() : 0;
}

quint16 IssdAgent::udpPort() const
{
    return discovery_ ? discovery_->port() : 0;
}

int IssdAgent::authenticatedSessions() const
{
    return int(std::count_if(sessions_.begin(), sessions_.end(),
                             [](const auto &entry) { return entry.second->isAuthenticated(); }));
}

bool IssdAgent::admit(const QHostAddress &peer) const
{
    const QHostAddress source = sourceOf(peer);
    int pending = 0;
    int pendingFromPeer = 0;
    for (const auto &[id, session] : sessions_) {
        if (session->isAuthenticated())
            continue;
        ++pending;
        if (sourceOf(session->peer()) == source)
            ++pendingFromPeer;
    }
    return pending < config_.maxUnauthenticated &&
        pendingFromPeer < config_.maxUnauthenticatedPerSource;
}

void IssdAgent::accept(qintptr descriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcIssd) << "cannot take over connection:" << socket->errorString();
        delete socket;
        return;
    }
    if (!admit(socket->peerAddress())) {
        refusals_.note(QStringLiteral("refused (too many connections)"), socket->peerAddress());
        socket->write(Reply::error(kErrClosing, QStringLiteral("too many connections")).toBytes());
        socket->disconnectFromHost();
        connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(5000, socket, &QObject::deleteLater);
        return;
    }
    const quint64 id = ++lastSessionId_;
    auto *session = new IssdSession(id, socket, services_, this);
    sessions_[id] = session;
    connect(session, &IssdSession::closed, this, [this, id] {
        const auto it = sessions_.find(id);
        if (it == sessions_.end())
            return;
        subscriptions_.sessionClosed(id);
        if (dispatcher_)
            dispatcher_->sessionClosed(id);
        it->second->deleteLater();
        sessions_.erase(it);
    });
}

QStringList IssdAgent::capabilities() const
{
    QStringList features;
    if (displays_.layout->canChangeLayout())
        features.append(QStringLiteral("layout"));
    if (displays_.power)
        features.append(QStringLiteral("dpms"));
    if (displays_.ddc)
        features.append(QStringLiteral("ddc"));
    if (snapshotter_)
        features.append(QStringLiteral("snapshot"));
    if (identifier_)
        features.append(QStringLiteral("identify"));
    if (share_)
        features.append(QStringLiteral("share-baton"));
    if (config_.udp)
        features.append(QStringLiteral("udp-events"));
    return {QStringLiteral("features=") + features.join(u','),
            QStringLiteral("events=") + IssdSubscriptions::eventTypes().join(u',')};
}

QStringList IssdAgent::serverFacts() const
{
    QStringList facts = {
        Arguments{{QStringLiteral("host"), QSysInfo::machineHostName()},
                  {QStringLiteral("os"), QSysInfo::prettyProductName()},
                  {QStringLiteral("agent"),
                   QStringLiteral("baton/%1").arg(QLatin1String(baton::kVersion))}}
            .serialize(),
        Arguments{
            {QStringLiteral("backend"), displays_.layout->name()},
            {QStringLiteral("power"),
             displays_.power ? displays_.power->name() : QStringLiteral("none")},
            {QStringLiteral("ddc"), displays_.ddc ? displays_.ddc->name() : QStringLiteral("none")}}
            .serialize(),
        Arguments{{QStringLiteral("uptime"),
                   QString::number(startedAt_.secsTo(QDateTime::currentDateTimeUtc()))},
                  {QStringLiteral("sessions"), QString::number(authenticatedSessions())},
                  {QStringLiteral("max-sessions"), QString::number(config_.maxSessions)}}
            .serialize(),
        Arguments{{QStringLiteral("tls"),
                   config_.tls == TlsPolicy::Required ? QStringLiteral("required")
                                                      : QStringLiteral("optional")},
                  {QStringLiteral("snapshot"),
                   snapshotter_ ? QStringLiteral("yes") : QStringLiteral("no")}}
            .serialize()};
    for (const QString &refusal : displays_.refusals)
        facts.append(Arguments{{QStringLiteral("unavailable"), refusal}}.serialize());
    return facts;
}

QString IssdAgent::hereFields() const
{
    return Arguments{
        {QStringLiteral("id"), config_.serverId},
        {QStringLiteral("name"), services_.name.left(64)},
        {QStringLiteral("tcp"), QString::number(tcpPort())},
        {QStringLiteral("tls"),
         services_.certificate.isNull() ? QStringLiteral("no") : QStringLiteral("yes")},
        {QStringLiteral("auth"), QStringLiteral("HMAC-SHA256")},
        {QStringLiteral("displays"), QString::number(properties_.current().size())},
        {QStringLiteral("v"), QStringLiteral("1")}}
        .serialize();
}

void IssdAgent::publish(const QString &type, const QString &displayId, const Arguments &details,
                        quint64 onlySession, const QString &by, quint64 op)
{
    Event event{++lastSeq_, type, {}};
    event.args.add(QStringLiteral("display"),
                   displayId.isEmpty() ? QStringLiteral("*") : QStringLiteral("id:") + displayId);
    for (const Argument &arg : details.all())
        event.args.add(arg.key, arg.value);
    if (!by.isEmpty())
        event.args.add(QStringLiteral("by"), by);
    if (op && !details.has(u"op"))
        event.args.add(QStringLiteral("op"), QString::number(op));
    auto routing = subscriptions_.route(event, displayId);
    if (onlySession)
        routing.sessions.insert(onlySession);
    for (quint64 id : std::as_const(routing.sessions)) {
        if (const auto it = sessions_.find(id); it != sessions_.end())
            it->second->sendEvent(event);
    }
    for (const auto &datagram : std::as_const(routing.datagrams)) {
        if (discovery_)
            discovery_->sendDatagram(datagram.bytes, datagram.address, datagram.port);
    }
}

void IssdAgent::publishLayout(const QString &by, quint64 op)
{
    QHash<QString, IssdDisplayProperties::Properties> now;
    for (const auto &display : properties_.refresh())
        now.insert(display.id, layoutProperties(display));
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        const auto before = lastLayout_.constFind(it.key());
        if (before == lastLayout_.constEnd()) {
            publish(QStringLiteral("hotplug"), it.key(),
                    {{QStringLiteral("state"), QStringLiteral("added")}}, 0);
            continue;
        }
        Arguments changed;
        for (const auto &[name, value] : *it) {
            const QString &key = name;
            const auto old = std::find_if(before->begin(), before->end(),
                                          [&key](const auto &p) { return p.first == key; });
            if (old == before->end() || old->second != value)
                changed.add(name, value);
        }
        if (!changed.isEmpty())
            publish(QStringLiteral("prop"), it.key(), changed, 0, by, op);
    }
    for (auto it = lastLayout_.cbegin(); it != lastLayout_.cend(); ++it) {
        if (!now.contains(it.key()))
            publish(QStringLiteral("hotplug"), it.key(),
                    {{QStringLiteral("state"), QStringLiteral("removed")}}, 0);
    }
    lastLayout_ = now;
}

void IssdAgent::revert(quint64 op, const display::DisplayInfo &display,
                       const display::DisplayLayout &previous)
{
    const auto result = properties_.restoreLayout(display, previous);
    qCInfo(lcIssd) << "operation" << op << "not confirmed: layout of" << display.connector
                   << (result.isOk() ? "reverted" : "could not be reverted: " + result.message);
    Arguments details{{QStringLiteral("op"), QString::number(op)},
                      {QStringLiteral("state"),
                       result.isOk() ? QStringLiteral("reverted") : QStringLiteral("failed")}};
    if (!result.isOk())
        details.add(QStringLiteral("code"),
                    QString::number(IssdDisplayProperties::replyFor(result).code));
    publish(QStringLiteral("op"), display.id, details, 0);
    publishLayout(QStringLiteral("revert"), op);
}

} // namespace baton::issd
