#include "SingleInstance.h"

#include <QDeadlineTimer>
#include <QLocalServer>
#include <QLocalSocket>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>

namespace baton::ui {
namespace {

const QByteArray kShow = QByteArrayLiteral("show");
const QByteArray kOpen = QByteArrayLiteral("open ");
const QByteArray kOk = QByteArrayLiteral("ok");
const QByteArray kError = QByteArrayLiteral("error ");

QByteArray encode(const SingleInstance::Request &request)
{
    if (request.kind == SingleInstance::Request::Kind::Show)
        return kShow + '\n';
    // A link is one line: a line break in it would end the request early.
    QString link = request.link;
    link.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
    return kOpen + link.toUtf8() + '\n';
}

std::optional<SingleInstance::Request> decode(const QByteArray &line)
{
    if (line == kShow)
        return SingleInstance::Request{};
    if (line.startsWith(kOpen))
        return SingleInstance::Request{SingleInstance::Request::Kind::OpenLink,
                                       QString::fromUtf8(line.mid(kOpen.size()))};
    return std::nullopt;
}

} // namespace

SingleInstance::SingleInstance(QString name, QObject *parent)
    : QObject(parent), name_(std::move(name))
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultName()
{
    QString display = qEnvironmentVariable("WAYLAND_DISPLAY");
    if (display.isEmpty())
        display = qEnvironmentVariable("DISPLAY");
    if (display.isEmpty())
        display = QStringLiteral("none");
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]"));
    display.replace(unsafe, QStringLiteral("_"));
    // The runtime directory is the user's own (0700): nobody else reaches the socket.
    const QString directory = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    return directory + QStringLiteral("/baton-") + display;
}

bool SingleInstance::listen(Handler handler, QString *error)
{
    // Asked first: with UserAccessOption, QLocalServer puts its socket in place with a
    // rename, which would silently take the name from a running instance.
    QLocalSocket probe;
    probe.connectToServer(name_);
    if (probe.waitForConnected(kIdleTimeoutMs)) {
        if (error)
            *error = tr("Baton is already running on this display");
        return false;
    }
    QLocalServer::removeServer(name_); // a socket left by a Baton that died
    auto server = std::make_unique<QLocalServer>(this);
    server->setSocketOptions(QLocalServer::UserAccessOption);
    server->setMaxPendingConnections(kMaxClients);
    if (!server->listen(name_)) {
        if (error)
            *error = tr("cannot listen on %1: %2").arg(name_, server->errorString());
        return false;
    }
    handler_ = std::move(handler);
    server_ = server.release();
    connect(server_, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    return true;
}

bool SingleInstance::isListening() const
{
    return server_ && server_->isListening();
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *client = server_->nextPendingConnection()) {
        if (findChildren<QLocalSocket *>().size() > kMaxClients) {
            client->deleteLater();
            continue;
        }
        client->setParent(this);
        client->setReadBufferSize(kMaxRequestBytes + 1);
        connect(client, &QLocalSocket::disconnected, client, &QObject::deleteLater);
        connect(client, &QLocalSocket::readyRead, this, [this, client] { onReadyRead(client); });
        QTimer::singleShot(kIdleTimeoutMs, client, &QLocalSocket::disconnectFromServer);
        onReadyRead(client); // what arrived with the connection
    }
}

void SingleInstance::onReadyRead(QLocalSocket *client)
{
    if (!client->canReadLine()) {
        if (client->bytesAvailable() > kMaxRequestBytes)
            client->disconnectFromServer();
        return;
    }
    const QByteArray line = client->readLine(kMaxRequestBytes + 1).trimmed();
    QString answer = tr("unknown request");
    if (const auto request = decode(line))
        answer = handler_(*request);
    client->write(answer.isEmpty() ? kOk + '\n' : kError + answer.toUtf8() + '\n');
    client->disconnectFromServer(); // after the answer is written
}

std::optional<QString> SingleInstance::send(const QString &name, const Request &request,
                                            int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QLocalSocket socket;
    socket.connectToServer(name);
    if (!socket.waitForConnected(int(deadline.remainingTime())))
        return std::nullopt;
    socket.write(encode(request));
    if (!socket.waitForBytesWritten(int(deadline.remainingTime())))
        return std::nullopt;
    while (!socket.canReadLine()) {
        if (deadline.hasExpired() || !socket.waitForReadyRead(int(deadline.remainingTime())))
            return std::nullopt;
    }
    const QByteArray answer = socket.readLine(kMaxRequestBytes).trimmed();
    if (answer == kOk)
        return QString();
    if (answer.startsWith(kError))
        return QString::fromUtf8(answer.mid(kError.size()));
    return tr("Baton answered something unexpected");
}

} // namespace baton::ui
