#pragma once

#include "core/common/InviteLink.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTcpSocket>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class QThread;

// Hostile peers for the soak tests of the host and the ISSD agent: what an attacker on the
// network sends before it is authenticated, over real sockets on loopback.
namespace baton::test {

// Loopback addresses an attack comes from: all of 127.0.0.0/8 reaches a loopback listener,
// so each address stands for another machine (per-source limits see them apart).
struct Sources {
    quint32 first = 0x7f000001; // 127.0.0.1
    int count = 1;

    // 127.net.0.1 … 127.net.0.count; count at most 254.
    static Sources loopback(int net, int count);
    QHostAddress at(int index) const { return QHostAddress(first + quint32(index % count)); }
};

// What one attack did, counted by its thread while it runs.
struct AttackCounts {
    QString name;
    std::atomic<qint64> connections{0}; // opened (TCP connected)
    std::atomic<qint64> cut{0}; // closed by the peer
    std::atomic<qint64> bytesSent{0};
    std::atomic<qint64> replies{0}; // lines or frames the peer sent back
};

// Attacks against one loopback port, each in its own thread with blocking sockets: the
// test's event loop (and the honest clients on it) must not be what the attack starves,
// and a blocked attacker must not block the test. Every attack reconnects when cut and
// runs until stop() or the destructor.
class HostileClients {
public:
    explicit HostileClients(quint16 port);
    ~HostileClients();
    HostileClients(const HostileClients &) = delete;
    HostileClients &operator=(const HostileClients &) = delete;

    // Random bytes in 4 KiB writes, about 100 a second per connection.
    void garbage(int connections, Sources from);
    // One byte a second on each connection, pattern over and over.
    void slowloris(int connections, const QByteArray &pattern, Sources from);
    // Connections that never send a byte; reopened within a second when the peer cuts them.
    void idle(int connections, Sources from);
    // TLS clients that finish a handshake (or are refused), disconnect and start again.
    void tlsHandshakes(int clients, Sources from);
    // TLS connections that each send one of frames (in turn), read until the peer closes
    // (at most 3 s), and start again from the next source.
    void tlsFrames(const QString &name, const QList<QByteArray> &frames, Sources from);
    // Plaintext connections that send chunk as fast as the peer reads it.
    void flood(const QString &name, int connections, const QByteArray &chunk, Sources from);
    // ISSD: greeting, HELLO, STARTTLS, HELLO, AUTH with a wrong proof until the agent cuts
    // the connection; then again from the next source.
    void issdWrongAuth(Sources from);

    // Stops every attack and closes its sockets; returns when all threads have ended.
    void stop();
    // One line per attack: connections opened, cut by the peer, bytes sent, replies (TLS
    // handshakes finished, frames or lines the peer sent back).
    QStringList report() const;

private:
    using Body = std::function<void(AttackCounts &)>;
    void launch(const QString &name, Body body);
    // Plaintext connections, reopened from the next source when cut; send writes to each
    // open one about every 10 ms.
    using Send = std::function<void(QTcpSocket &, AttackCounts &)>;
    void sendLoop(const QString &name, int connections, Sources from, Send send);

    quint16 port_;
    std::atomic<bool> stopping_{false};
    std::vector<std::unique_ptr<AttackCounts>> counts_;
    std::vector<std::unique_ptr<QThread>> threads_;
};

// Frames a joiner might send a T.128 host before its Welcome, none of which it may keep.
namespace hostile {
// A small Fragment PDU (1,000 bytes of payload cut into 100-byte pieces): the first piece.
QByteArray preHelloFragment();
// A TPKT header announcing the largest frame, followed by 8 KiB of its body.
QByteArray overSizeFrame();
// The link's session id with a wrong passcode.
QByteArray wrongPasscodeHello(const InviteLink &link);
} // namespace hostile

} // namespace baton::test
