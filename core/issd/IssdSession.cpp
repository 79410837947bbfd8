#include "core/issd/IssdSession.h"

#include "core/issd/Logging.h"

#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

namespace baton::issd {
namespace {

constexpr qint64 kMaxBytesPerTurn = 64 * 1024; // taken from one connection before others' turn
constexpr qint64 kSocketReadBuffer = 64 * 1024; // the kernel holds the rest (TCP back-pressure)
constexpr qint64 kMaxWriteBacklog = 256 * 1024; // a peer that does not read is not served

// maxLinesOverRate lines over the rate, given back at that many per linesOverRateWindow.
TokenBucket overRateAllowance(const IssdAgentConfig &config)
{
    const double windowS = std::chrono::duration<double>(config.linesOverRateWindow).count();
    return {config.maxLinesOverRate / windowS, double(config.maxLinesOverRate)};
}

} // namespace

IssdSession::IssdSession(quint64 id, QSslSocket *socket, const Services &services, QObject *parent)
    : QObject(parent),
      id_(id),
      socket_(socket),
      services_(services),
      peer_(socket->peerAddress()),
      bucket_(services.config->commandsPerSecond, services.config->commandBurst),
      overRateAllowance_(overRateAllowance(*services.config)),
      authTimer_(new QTimer(this)),
      idleTimer_(new QTimer(this))
{
    socket_->setParent(this);
    socket_->setReadBufferSize(kSocketReadBuffer);
    connect(socket_, &QSslSocket::readyRead, this, &IssdSession::onReadyRead);
    connect(socket_, &QSslSocket::bytesWritten, this, [this] {
        if (state_ == State::Closing && socket_->bytesToWrite() == 0)
            socket_->disconnectFromHost();
        else
            processLines();
    });
    connect(socket_, &QSslSocket::disconnected, this, [this] {
        state_ = State::Closing;
        emit closed();
    });
    connect(socket_, &QSslSocket::encrypted, this, [this] {
        // Everything from before TLS is forgotten; the client starts again with HELLO.
        helloDone_ = false;
        startTlsPending_ = false;
        reader_.clear();
        qCDebug(lcIssd) << name() << "TLS established with" << peer_;
        onReadyRead();
    });
    connect(socket_, &QSslSocket::sslErrors, this, [this] { socket_->abort(); });

    authTimer_->setSingleShot(true);
    connect(authTimer_, &QTimer::timeout, this,
            [this] { closeWith(QStringLiteral("authentication took too long")); });
    authTimer_->start(services_.config->authTimeout);
    idleTimer_->setSingleShot(true);
    connect(idleTimer_, &QTimer::timeout, this,
            [this] {
                // An authenticated client that went quiet is no attack.
                closeWith(QStringLiteral("idle too long"),
                          isAuthenticated() ? CloseCause::Ended : CloseCause::PeerRefused);
            });
    idleTimer_->start(services_.config->idleTimeout);

    write(Reply{kGreeting, QStringLiteral("ISSD/1 ") + services_.name, {}}.toBytes());
}

IssdSession::~IssdSession() = default;

bool IssdSession::isEncrypted() const
{
    return socket_->isEncrypted();
}

void IssdSession::write(const QByteArray &bytes)
{
    if (socket_->state() == QAbstractSocket::ConnectedState)
        socket_->write(bytes);
}

void IssdSession::sendEvent(const Event &event)
{
    if (state_ != State::Authenticated)
        return;
    pendingEvents_.append(event.toLine());
    if (!inCommand_)
        flushEvents();
}

void IssdSession::flushEvents()
{
    // A client that never reads loses events rather than growing our memory.
    for (const QByteArray &line : std::exchange(pendingEvents_, {})) {
        if (socket_->bytesToWrite() < kMaxWriteBacklog)
            write(line);
    }
}

void IssdSession::closeWith(const QString &reason, CloseCause cause)
{
    if (state_ == State::Closing)
        return;
    if (cause == CloseCause::PeerRefused)
        services_.refusals->note(QStringLiteral("cut (%1)").arg(reason), peer_);
    write(Reply::error(kErrClosing, reason).toBytes());
    state_ = State::Closing;
    if (socket_->bytesToWrite() == 0)
        socket_->disconnectFromHost();
    QTimer::singleShot(5000, socket_, &QSslSocket::abort); // a peer that never reads
}

qint64 IssdSession::pullFromSocket()
{
    if (startTlsPending_ || socket_->mode() == QSslSocket::SslClientMode)
        return 0;
    const qint64 room = reader_.room();
    if (room <= 0 || socket_->bytesAvailable() <= 0)
        return 0;
    const QByteArray bytes = socket_->read(room);
    reader_.feed(bytes);
    return bytes.size();
}

void IssdSession::scheduleNextTurn()
{
    if (passScheduled_)
        return;
    passScheduled_ = true;
    QTimer::singleShot(0, this, &IssdSession::processLines);
}

void IssdSession::onReadyRead()
{
    if (state_ == State::Closing) {
        socket_->readAll(); // discard
        return;
    }
    processLines();
}

void IssdSession::processLines()
{
    // One turn is bounded in lines and in bytes; other connections get theirs before
    // this one's next. Whenever the turn ends with bytes left unread, the next turn is
    // scheduled here or comes with bytesWritten or encrypted: the socket does not signal
    // readyRead again for bytes it already announced.
    passScheduled_ = false;
    int handled = 0;
    qint64 pulled = 0;
    while (state_ != State::Closing && !startTlsPending_ &&
           socket_->bytesToWrite() < kMaxWriteBacklog) {
        auto line = reader_.next();
        if (!line) {
            if (socket_->bytesAvailable() <= 0)
                return; // readyRead comes with more
            if (pulled >= kMaxBytesPerTurn)
                return scheduleNextTurn();
            const qint64 got = pullFromSocket();
            if (got == 0)
                return;
            pulled += got;
            continue;
        }
        idleTimer_->start(services_.config->idleTimeout);
        handleLine(*line);
        if (++handled >= services_.config->maxPipelined)
            return scheduleNextTurn();
    }
}

void IssdSession::handleLine(const LineReader::Line &line)
{
    if (state_ == State::AwaitingProof && !line.tooLong) {
        handleProof(line.bytes);
        return;
    }
    // Every line counts against the rate, empty and over-long ones too: each costs a reply.
    // The lines the rate admits do not restore the allowance for lines over it, or a flood
    // paced just over the rate would never run out of it.
    if (!bucket_.tryTake()) {
        if (!overRateAllowance_.tryTake()) {
            closeWith(QStringLiteral("too many lines; slow down"));
            return;
        }
        write(Reply::error(kErrRate,
                           QStringLiteral("retry-after=%1").arg(bucket_.retryAfterSeconds()))
                  .toBytes());
        return;
    }
    if (line.tooLong) {
        write(Reply::error(kErrSyntax, QStringLiteral("line too long")).toBytes());
        return;
    }
    ParseError error;
    const auto command = Command::parse(line.bytes, &error);
    if (!command) {
        write(Reply::error(error.code, error.message).toBytes());
        return;
    }
    inCommand_ = true;
    const Reply reply = handleCommand(*command);
    inCommand_ = false;
    write(reply.toBytes());
    flushEvents();
    if (command->verb == u"QUIT") {
        state_ = State::Closing;
        if (socket_->bytesToWrite() == 0)
            socket_->disconnectFromHost();
    } else if (startTlsPending_ && reply.code == kGreeting) {
        socket_->startServerEncryption();
    }
}

Reply IssdSession::handleCommand(const Command &command)
{
    const QString &verb = command.verb;
    if (verb == u"NOOP")
        return Reply::ok();
    if (verb == u"QUIT")
        return {kClosing, QStringLiteral("bye"), {}};
    if (verb == u"HELLO")
        return hello(command);
    if (verb == u"STARTTLS")
        return startTls();
    if (verb == u"AUTH")
        return auth(command);
    if (state_ != State::Authenticated)
        return Reply::error(kErrAuthRequired, QStringLiteral("authenticate first"));
    return services_.dispatch(*this, command);
}

Reply IssdSession::hello(const Command &command)
{
    const QStringList positionals = command.args.positionals();
    if (positionals.size() != 1)
        return Reply::error(kErrParam,
                            QStringLiteral("HELLO <versions> [client=<product/version>]"));
    if (!positionals.first().split(u',').contains(QStringLiteral("1")))
        return Reply::error(kErrVersion, QStringLiteral("versions=1"));
    helloDone_ = true;
    QStringList lines = {QStringLiteral("version=1"),
                         Arguments{{QStringLiteral("server-id"), services_.serverId},
                                   {QStringLiteral("name"), services_.name}}
                             .serialize()};
    if (!services_.certificate.isNull() && !isEncrypted() && state_ != State::Authenticated)
        lines.append(QStringLiteral("starttls"));
    if (services_.config->tls == TlsPolicy::Required && !isEncrypted())
        lines.append(QStringLiteral("tls=required"));
    lines.append(QStringLiteral("auth=HMAC-SHA256"));
    lines.append(QStringLiteral("maxline=%1 pipeline=%2")
                     .arg(kMaxLineOctets)
                     .arg(services_.config->maxPipelined));
    lines += services_.capabilities();
    return Reply::ok(QStringLiteral("hello"), lines);
}

Reply IssdSession::startTls()
{
    if (services_.certificate.isNull())
        return Reply::error(kErrUnsupported, QStringLiteral("this agent has no TLS certificate"));
    if (isEncrypted() || state_ == State::Authenticated)
        return Reply::error(kErrSequence, QStringLiteral("STARTTLS only once, before AUTH"));
    if (!helloDone_)
        return Reply::error(kErrSequence, QStringLiteral("HELLO first"));
    pullFromSocket();
    if (reader_.bufferedBytes() > 0 || socket_->bytesAvailable() > 0) {
        // Commands pipelined behind STARTTLS would be read as if they came over TLS
        // (CVE-2011-0411): refuse the connection instead.
        reader_.clear();
        socket_->readAll();
        QTimer::singleShot(0, this, [this] { closeWith(QStringLiteral("data after STARTTLS")); });
        return Reply::error(kErrSequence, QStringLiteral("data after STARTTLS"));
    }
    startTlsPending_ = true;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setLocalCertificate(services_.certificate);
    tls.setPrivateKey(services_.privateKey);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients prove themselves with AUTH
    socket_->setSslConfiguration(tls);
    return {kGreeting, QStringLiteral("ready for TLS"), {}};
}

Reply IssdSession::auth(const Command &command)
{
    if (state_ == State::Authenticated)
        return Reply::error(kErrSequence, QStringLiteral("already authenticated"));
    if (!helloDone_)
        return Reply::error(kErrSequence, QStringLiteral("HELLO first"));
    if (services_.config->tls == TlsPolicy::Required && !isEncrypted())
        return Reply::error(kErrTlsRequired,
                            QStringLiteral("this agent requires STARTTLS before AUTH"));
    const QStringList positionals = command.args.positionals();
    if (positionals != QStringList{QStringLiteral("HMAC-SHA256")})
        return Reply::error(kErrUnsupported,
                            QStringLiteral("AUTH HMAC-SHA256 key=<id> cn=<nonce>"));
    const QString keyId = command.args.value(u"key").value_or(QString());
    const QString clientNonce = command.args.value(u"cn").value_or(QString());
    if (!isValidKey(keyId) || !IssdAuthenticator::isValidNonce(clientNonce))
        return Reply::error(kErrParam,
                            QStringLiteral("key=<[a-z0-9-]{1,32}> cn=<base64url of 16..32 bytes>"));
    if (const auto wait = services_.backoff->waitFor(peer_); wait.count() > 0)
        return Reply::error(kErrRate,
                            QStringLiteral("retry-after=%1").arg((wait.count() + 999) / 1000));
    const QString binding = IssdAuthenticator::channelBinding(isEncrypted() ? services_.certificate
                                                                            : QSslCertificate());
    authenticator_ = std::make_unique<IssdAuthenticator>(*services_.secrets, services_.serverId,
                                                         binding, services_.decoySeed);
    const auto challenge = authenticator_->begin(keyId, clientNonce);
    state_ = State::AwaitingProof;
    return {kAuthChallenge,
            Arguments{{QStringLiteral("s"), challenge.salt},
                      {QStringLiteral("i"), QString::number(challenge.iterations)},
                      {QStringLiteral("sn"), challenge.serverNonce}}
                .serialize(),
            {}};
}

void IssdSession::handleProof(QByteArrayView line)
{
    state_ = State::Greeted;
    const auto success = authenticator_->finish(withoutLineEnd(line).trimmed());
    authenticator_.reset();
    if (!success) {
        services_.backoff->recordFailure(peer_);
        services_.refusals->note(QStringLiteral("failed AUTH"), peer_);
        write(Reply::error(kErrAuth, QStringLiteral("authentication failed")).toBytes());
        if (++authFailures_ >= services_.config->maxAuthFailures)
            closeWith(QStringLiteral("too many authentication failures"));
        return;
    }
    if (!services_.mayAuthenticate()) {
        closeWith(QStringLiteral("too many sessions"));
        return;
    }
    services_.backoff->recordSuccess(peer_);
    state_ = State::Authenticated;
    eventKey_ = success->eventKey;
    authTimer_->stop();
    write(Reply{
        kAuthenticated,
        Arguments{{QStringLiteral("session"), name()},
                  {QStringLiteral("sp"), QString::fromLatin1(success->serverProof)}}
            .serialize(),
        {}}.toBytes());
    qCInfo(lcIssd) << name() << "authenticated from" << peer_
                   << (isEncrypted() ? "over TLS" : "in plaintext");
    emit authenticatedNow();
}

} // namespace baton::issd
