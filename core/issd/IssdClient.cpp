#include "core/issd/IssdClient.h"

#include "core/issd/IssdAuthenticator.h"
#include "core/issd/IssdSecretStore.h"
#include "core/issd/Logging.h"

#include <QCryptographicHash>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

namespace baton::issd {

QString IssdClient::Response::toString() const
{
    return QStringLiteral("%1 %2%3").arg(code).arg(word, text.isEmpty() ? QString() : u' ' + text);
}

QByteArray IssdClient::fingerprintOf(const QSslCertificate &certificate)
{
    return QCryptographicHash::hash(certificate.toDer(), QCryptographicHash::Sha256);
}

IssdClient::IssdClient(Options options, QObject *parent)
    : QObject(parent), options_(std::move(options)), socket_(new QSslSocket(this)),
      loginTimer_(new QTimer(this))
{
    connect(socket_, &QSslSocket::readyRead, this, &IssdClient::onReadyRead);
    connect(socket_, &QSslSocket::errorOccurred, this, [this] { fail(socket_->errorString()); });
    connect(socket_, &QSslSocket::disconnected, this, [this] {
        fail(QStringLiteral("the agent closed the connection"));
        emit disconnected();
    });
    connect(socket_, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &) {
        // A self-signed certificate is expected: the fingerprint check below decides.
        socket_->ignoreSslErrors();
    });
    connect(socket_, &QSslSocket::encrypted, this, [this] {
        peerFingerprint_ = fingerprintOf(socket_->peerCertificate());
        emit certificateSeen(peerFingerprint_);
        if (!options_.pinnedFingerprint.isEmpty() && peerFingerprint_ != options_.pinnedFingerprint) {
            fail(QStringLiteral("the agent's certificate changed: fingerprint %1, pinned %2")
                     .arg(QString::fromLatin1(peerFingerprint_.toHex(':')),
                          QString::fromLatin1(options_.pinnedFingerprint.toHex(':'))));
            return;
        }
        sayHello();
    });
    loginTimer_->setSingleShot(true);
    connect(loginTimer_, &QTimer::timeout, this, [this] { fail(QStringLiteral("the agent did not answer in time")); });
}

IssdClient::~IssdClient() = default;

bool IssdClient::isEncrypted() const
{
    return socket_->isEncrypted();
}

void IssdClient::connectToAgent(const QString &host, quint16 port)
{
    loginTimer_->start(options_.timeoutMs);
    expect([this](const Response &greeting) {
        if (greeting.code != 220)
            return fail(QStringLiteral("unexpected greeting: %1").arg(greeting.toString()));
        sayHello();
    });
    socket_->connectToHost(host, port);
}

void IssdClient::disconnectFromAgent()
{
    failed_ = true; // a deliberate close is not a failure to report
    socket_->disconnectFromHost();
}

void IssdClient::fail(const QString &reason)
{
    if (failed_)
        return;
    failed_ = true;
    ready_ = false;
    loginTimer_->stop();
    qCDebug(lcIssd) << "client:" << reason;
    socket_->abort();
    emit failed(reason);
}

void IssdClient::expect(Callback callback)
{
    pending_.push_back(std::move(callback));
}

void IssdClient::writeLine(const QByteArray &line)
{
    socket_->write(line);
}

void IssdClient::sayHello()
{
    expect([this](const Response &response) { onHello(response); });
    writeLine(Command{QStringLiteral("HELLO"), {{QString(), QStringLiteral("1")},
                                                 {QStringLiteral("client"), options_.clientName}}}
                  .toLine());
}

void IssdClient::onHello(const Response &response)
{
    if (!response.isSuccess())
        return fail(QStringLiteral("HELLO refused: %1").arg(response.toString()));
    capabilities_ = response.data;
    for (const QString &line : response.data) {
        ParseError error;
        if (const auto args = Arguments::parse(line, &error); args && args->has(u"server-id"))
            serverId_ = *args->value(u"server-id");
    }
    if (!isEncrypted() && capabilities_.contains(QStringLiteral("starttls")))
        return startTls();
    if (!isEncrypted() && options_.requireTls)
        return fail(QStringLiteral("the agent does not offer TLS"));
    authenticate();
}

void IssdClient::startTls()
{
    expect([this](const Response &response) {
        if (response.code != 220)
            return fail(QStringLiteral("STARTTLS refused: %1").arg(response.toString()));
        reader_.clear();
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setProtocol(QSsl::TlsV1_2OrLater);
        tls.setPeerVerifyMode(QSslSocket::QueryPeer); // pinned by fingerprint, not by a CA
        socket_->setSslConfiguration(tls);
        socket_->startClientEncryption();
    });
    writeLine(Command{QStringLiteral("STARTTLS"), {}}.toLine());
}

void IssdClient::authenticate()
{
    const QString clientNonce = IssdAuthenticator::randomNonce();
    expect([this, clientNonce](const Response &response) { onChallenge(response, clientNonce); });
    writeLine(Command{QStringLiteral("AUTH"), {{QString(), QStringLiteral("HMAC-SHA256")},
                                                {QStringLiteral("key"), options_.keyId},
                                                {QStringLiteral("cn"), clientNonce}}}
                  .toLine());
}

void IssdClient::onChallenge(const Response &response, const QString &clientNonce)
{
    if (response.code != 334)
        return fail(QStringLiteral("AUTH refused: %1").arg(response.toString()));
    ParseError error;
    const auto args = Arguments::parse(response.text, &error);
    bool ok = false;
    const int iterations = args ? args->value(u"i").value_or(QString()).toInt(&ok) : 0;
    const QString salt = args ? args->value(u"s").value_or(QString()) : QString();
    const QString serverNonce = args ? args->value(u"sn").value_or(QString()) : QString();
    // Bounds stop a fake agent from making us spin on a huge iteration count.
    if (!ok || iterations < IssdSecretStore::kMinIterations || iterations > IssdSecretStore::kMaxIterations ||
        salt.isEmpty() || !IssdAuthenticator::isValidNonce(serverNonce))
        return fail(QStringLiteral("malformed AUTH challenge: %1").arg(response.text));
    if (salt != cachedSalt_ || iterations != cachedIterations_) {
        const QByteArray saltBytes = QByteArray::fromBase64(
            salt.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        cachedKey_ = IssdSecretStore::deriveKey(options_.secret, saltBytes, iterations);
        cachedSalt_ = salt;
        cachedIterations_ = iterations;
    }
    const AuthTranscript transcript{
        serverId_, options_.keyId, clientNonce, serverNonce,
        IssdAuthenticator::channelBinding(isEncrypted() ? socket_->peerCertificate() : QSslCertificate())};
    expect([this, transcript](const Response &result) {
        if (result.code != 235)
            return fail(QStringLiteral("authentication failed: %1").arg(result.toString()));
        ParseError parseError;
        const auto resultArgs = Arguments::parse(result.text, &parseError);
        const QByteArray serverProof =
            QByteArray::fromHex(resultArgs ? resultArgs->value(u"sp").value_or(QString()).toLatin1() : QByteArray());
        if (!IssdAuthenticator::constantTimeEquals(serverProof,
                                                   IssdAuthenticator::serverProof(cachedKey_, transcript)))
            return fail(QStringLiteral("the agent could not prove it knows the secret"));
        sessionName_ = resultArgs->value(u"session").value_or(QString());
        eventKey_ = IssdAuthenticator::eventKey(cachedKey_, transcript);
        ready_ = true;
        loginTimer_->stop();
        emit ready();
        flushQueue();
    });
    writeLine(IssdAuthenticator::clientProof(cachedKey_, transcript).toHex() + "\r\n");
}

void IssdClient::send(const Command &command, Callback callback)
{
    queued_.emplace_back(command.toLine(), std::move(callback));
    if (ready_)
        flushQueue();
}

void IssdClient::flushQueue()
{
    while (ready_ && !queued_.empty()) {
        auto [line, callback] = std::move(queued_.front());
        queued_.pop_front();
        expect(std::move(callback));
        writeLine(line);
    }
}

void IssdClient::onReadyRead()
{
    reader_.feed(socket_->readAll());
    while (auto line = reader_.next()) {
        if (line->tooLong)
            return fail(QStringLiteral("the agent sent a line longer than %1 octets").arg(kMaxLineOctets));
        handleLine(line->bytes);
        if (failed_ || (socket_->mode() != QSslSocket::UnencryptedMode && !socket_->isEncrypted()))
            return; // a TLS handshake started: later bytes are TLS records, read again after it
    }
}

void IssdClient::handleLine(const QByteArray &line)
{
    ParseError error;
    if (isEventLine(line)) {
        if (const auto parsed = Event::parse(line, &error))
            emit eventReceived(*parsed);
        return;
    }
    const auto reply = ReplyLine::parse(line, &error);
    if (!reply)
        return fail(QStringLiteral("malformed line from the agent: %1").arg(error.message));
    if (!reply->isFinal) {
        partialData_.append(reply->text);
        return;
    }
    if (reply->code == 421)
        return fail(QStringLiteral("the agent closed the session: %1").arg(reply->text));
    if (pending_.empty())
        return fail(QStringLiteral("the agent sent a reply nobody asked for: %1").arg(QString::fromUtf8(line)));
    Callback callback = std::move(pending_.front());
    pending_.pop_front();
    const Response response{reply->code, reply->word, reply->text, std::exchange(partialData_, {})};
    if (callback)
        callback(response);
}

} // namespace baton::issd
