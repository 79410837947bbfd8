#include "CdpClient.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QTimer>

namespace baton::cli {

CdpClient::CdpClient(QObject *parent) : QObject(parent)
{
    connect(&socket_, &QWebSocket::textMessageReceived, this, &CdpClient::receive);
}

bool CdpClient::open(const QUrl &browserEndpoint, int timeoutMs, QString *error)
{
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    connect(&socket_, &QWebSocket::connected, &loop, &QEventLoop::quit);
    connect(&socket_, &QWebSocket::disconnected, &loop, &QEventLoop::quit);
    socket_.open(browserEndpoint);
    if (socket_.state() != QAbstractSocket::ConnectedState)
        loop.exec();
    if (isOpen())
        return true;
    *error = QStringLiteral("cannot reach the browser's DevTools endpoint %1: %2")
                 .arg(browserEndpoint.toString(), socket_.errorString());
    return false;
}

std::optional<QJsonObject> CdpClient::call(const QString &method, const QJsonObject &params,
                                           const QString &sessionId, QString *error, int timeoutMs)
{
    QString ignored;
    QString &why = error ? *error : ignored;
    if (!isOpen()) {
        why = QStringLiteral("%1: the DevTools connection is closed").arg(method);
        return std::nullopt;
    }
    const int id = nextId_++;
    QJsonObject command{{QStringLiteral("id"), id}, {QStringLiteral("method"), method}};
    if (!params.isEmpty())
        command[QStringLiteral("params")] = params;
    if (!sessionId.isEmpty())
        command[QStringLiteral("sessionId")] = sessionId;
    socket_.sendTextMessage(
        QString::fromUtf8(QJsonDocument(command).toJson(QJsonDocument::Compact)));

    const QDeadlineTimer deadline(timeoutMs);
    while (!answers_.count(id) && isOpen() && !deadline.hasExpired()) {
        QEventLoop loop;
        QTimer::singleShot(int(std::max<qint64>(1, std::min<qint64>(deadline.remainingTime(), 50))),
                           &loop, &QEventLoop::quit);
        connect(&socket_, &QWebSocket::textMessageReceived, &loop, &QEventLoop::quit);
        connect(&socket_, &QWebSocket::disconnected, &loop, &QEventLoop::quit);
        loop.exec();
    }
    const auto found = answers_.find(id);
    if (found == answers_.end()) {
        why = QStringLiteral("%1: %2").arg(method,
                                           isOpen()
                                               ? QStringLiteral("no answer in %1 ms").arg(timeoutMs)
                                               : QStringLiteral("the browser went away"));
        return std::nullopt;
    }
    const QJsonObject answer = found->second;
    answers_.erase(found);
    if (answer.contains(QLatin1String("error"))) {
        why = QStringLiteral("%1: %2").arg(method,
                                           answer.value(QLatin1String("error"))
                                               .toObject()
                                               .value(QLatin1String("message"))
                                               .toString());
        return std::nullopt;
    }
    return answer.value(QLatin1String("result")).toObject();
}

void CdpClient::receive(const QString &message)
{
    const QJsonObject object = QJsonDocument::fromJson(message.toUtf8()).object();
    if (object.contains(QLatin1String("id")))
        answers_[object.value(QLatin1String("id")).toInt()] = object;
}

} // namespace baton::cli
