#pragma once

#include <QHostAddress>
#include <QObject>
#include <QSet>

class QUdpSocket;

namespace baton::issd {

// The client side of UDP discovery: sends `ISSD/1 DISCOVER nonce=… pad=…` (padded to
// 256 bytes so that agents may answer: a reply is never longer than its request) to
// the broadcast address of every interface, or to the given addresses, and reports
// each agent that answers with the same nonce once.
class IssdDiscoverer : public QObject {
    Q_OBJECT
public:
    struct Agent {
        QHostAddress address;
        QString id;
        QString name;
        quint16 tcpPort = 0;
        bool tls = false;
        int displays = 0;
    };
    static constexpr int kRequestBytes = 256;

    using QObject::QObject;

    // targets empty: directed broadcast on each interface plus 255.255.255.255.
    bool discover(quint16 port, const QList<QHostAddress> &targets, QString *error);
    QList<Agent> agents() const { return agents_; }
    // The request datagram for a nonce (16 hex digits), padded to kRequestBytes.
    static QByteArray request(const QString &nonce);

signals:
    void found(const baton::issd::IssdDiscoverer::Agent &agent);

private:
    void readReplies();

    QUdpSocket *socket_ = nullptr;
    QString nonce_;
    QList<Agent> agents_;
    QSet<QString> seen_;
};

} // namespace baton::issd
