#pragma once

#include "core/input/InputEvents.h"
#include "core/rdp/RdpClientQueue.h"
#include "core/rdp/RdpGfxChannel.h"
#include "core/rdp/RdpServer.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

struct rdp_freerdp_peer;

namespace baton::rdp {

// One RDP client: its FreeRDP peer and the thread that runs it (TLS, the connection
// sequence, the password check, sending what its queue holds, reading its input). The
// object lives on the server's thread; its signals are emitted on the client's thread and
// reach the server queued. Whatever the client does, only this thread ends: a garbage
// connection, a failed TLS handshake, a wrong password or a protocol error each end it with
// a reason (finished()).
class RdpClientConnection : public QObject {
    Q_OBJECT
public:
    struct Setup {
        int clientId = 0;
        QHostAddress address; // where it connects from
        QByteArray passwordSha256; // what the client's logon must hash to
        QByteArray certificatePem;
        QByteArray privateKeyPem;
        // The current picture's size (width << 16 | height), read when the client connects.
        std::shared_ptr<const std::atomic<uint32_t>> desktopSize;
        // What the graphics pipelines sent, counted for the server (may be null).
        std::shared_ptr<RdpGfxCounters> gfxCounters;
    };

    // Input the server has not handled yet past this cuts the client: a person cannot type or
    // move that fast, and the server must not hold an unbounded backlog for anyone.
    static constexpr int kMaxPendingInput = 4096;

    // Takes peer (just accepted by the listener); start() starts the client's thread.
    RdpClientConnection(rdp_freerdp_peer *peer, Setup setup, QObject *parent = nullptr);
    // Asks the client's thread to end, cuts its socket if it has not within a moment, joins.
    ~RdpClientConnection() override;

    // Once its signals are connected: the thread may emit them at once.
    void start();

    int clientId() const { return setup_.clientId; }
    const QHostAddress &address() const { return setup_.address; }
    RdpClientQueue &queue() { return queue_; }
    // Cuts the connection now (shuts its socket down), e.g. when it did not log on in time;
    // the thread then ends with reason. Any thread.
    void abort(const QString &reason);
    // The server handled one of the input signals.
    void inputHandled() { pendingInput_.fetch_sub(1, std::memory_order_relaxed); }

signals:
    // The client passed the password check and is active: the first time it has joined; later
    // after a re-activation (a new desktop size), it needs the whole picture again.
    void activated(const baton::rdp::RdpClientInfo &client);
    void refreshRequested(); // Refresh Rect or output allowed again: the whole picture
    // The client's graphics pipeline became ready (true: pictures go as its frames, with the
    // top-down tiles) or will not be used (false: Bitmap Updates); either way it needs the
    // whole picture.
    void graphicsPipelineChanged(bool inUse);
    void passwordRefused(); // then it ends
    void keyInput(const baton::KeyInput &key);
    void textInput(const QString &text);
    void pointerInput(const baton::PointerInput &pointer);
    // The thread ended (the last signal it emits).
    void finished(const QString &reason);

private:
    class Session;

    void run();
    void noteReason(const QString &reason);
    QString reason() const;

    rdp_freerdp_peer *peer_; // the thread's from start() on
    const Setup setup_;
    RdpClientQueue queue_;
    std::atomic<int> pendingInput_{0};

    mutable std::mutex mutex_;
    int socket_ = -1; // -1 once the thread closed it
    QString reason_; // the first reason given for the end
    bool done_ = false;
    std::condition_variable doneChanged_;

    std::thread thread_;
};

} // namespace baton::rdp
