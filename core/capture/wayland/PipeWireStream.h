#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/frame/Region.h"
#include "core/capture/CursorState.h"
#include "core/capture/wayland/PipeWireLoop.h"
#include "core/capture/wayland/PipeWirePicture.h"

#include <QObject>
#include <QSize>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

struct spa_buffer;
struct spa_pod;

namespace baton {

// Consumes a PipeWire video node (a screen cast stream of mutter or of the desktop
// portal) into one persistent BGRA picture, the damage since the last takeDamage(), and
// the pointer as the producer's cursor metadata describes it.
//
// Negotiates 32-bit RGB formats (screencast::supportedVideoFormats()) of any size up to
// Frame::kMaxDimensionPx and any frame rate, in buffers of shared memory (MemFd, MemPtr)
// or linear DMA-BUFs, with the metadata for damage, crop (a window inside a larger
// buffer), the cursor and the buffer header. Each time buffers arrive, the newest picture
// is copied, only where the producer's damage says it changed (all of it when it says
// nothing, after a new format or crop, or after a corrupted buffer).
//
// A producer is another process: every size, offset, stride and metadata field it gives
// is checked before use. A buffer that does not hold the picture it claims, or memory
// that shrinks under us (read with pread() when the memfd is not sealed), ends the
// stream with failed(); a malformed cursor meta is ignored (logged). Nothing is read
// past the end of what the producer shared. The picture, its damage and the buffer checks
// are PipeWirePicture's.
//
// Lives on the thread that opened it; libpipewire runs on that thread's Qt event loop
// (PipeWireLoop). Signals are emitted outside libpipewire's callbacks (failed() queued),
// so a slot may destroy the stream.
class PipeWireStream : public QObject {
    Q_OBJECT

public:
    // Connects to the daemon (fd: a descriptor for it, owned from now on; -1: the default
    // remote) and a capture stream to node nodeId. Null with *error set when libpipewire
    // cannot connect; failures later (no such node, negotiation) come as failed().
    static std::unique_ptr<PipeWireStream> open(int fd, uint32_t nodeId, QString *error);
    ~PipeWireStream() override;

    uint32_t nodeId() const { return nodeId_; }
    // Whether a picture arrived since open(): pixels() is null before.
    bool hasPicture() const { return !picture_.frame().isNull(); }
    // The picture's size (the crop's, for a window in a larger buffer); empty before the
    // first picture.
    QSize size() const { return {picture_.frame().width(), picture_.frame().height()}; }
    // The picture: valid until the event loop next dispatches PipeWire on this thread.
    FrameView pixels() const { return picture_.frame().view(); }
    // Where the picture changed since the previous call (all of it after a new size).
    Region takeDamage() { return picture_.takeDamage(); }
    // The pointer over the picture: id-less (serial 0, invisible) until the producer's
    // cursor metadata says where it is.
    const CursorState &cursor() const { return cursor_; }
    // The negotiated format's name ("BGRx 1280x720"), for logs.
    QString formatDescription() const { return picture_.formatDescription(); }

signals:
    // A new picture (or a part of one) is in pixels(); takeDamage() says where.
    void frameArrived();
    // The pointer moved, or its image or visibility changed.
    void cursorChanged();
    // The stream ended: the node or the daemon went, or negotiation failed. Emitted once.
    void failed(const QString &reason);

private:
    struct Listeners;

    PipeWireStream(uint32_t nodeId, std::unique_ptr<PipeWireLoop> loop);
    bool connectStream(QString *error);
    void fail(const QString &reason);
    void onStateChanged(int state, const char *error);
    void onParamChanged(uint32_t id, const spa_pod *param);
    void onProcess();
    void onCoreError(uint32_t id, int res, const char *message);
    void onGlobalRemoved(uint32_t id);
    // crop: the picture's place in the buffer, which the cursor's position is relative to.
    void readCursor(spa_buffer *buffer, const Rect &crop);
    // Copies the newest picture into picture_ (failed when the buffer lies). byDescriptor:
    // read with pread() from the buffer's memfd, not through the mapping.
    void copyPicture(const spa_buffer &buffer, const Rect &crop,
                     const std::optional<Region> &damage, bool byDescriptor);
    void afterDispatch();
    void nudgeForFirstPicture();

    uint32_t nodeId_;
    std::unique_ptr<PipeWireLoop> loop_;
    PwCorePtr core_;
    PwProxyPtr registry_;
    PwStreamPtr stream_;
    // After the objects they listen to: removed first.
    std::unique_ptr<Listeners> listeners_;

    PipeWirePicture picture_;
    CursorState cursor_;
    bool cursorHidden_ = false;
    bool pendingFrame_ = false;
    bool pendingCursor_ = false;
    bool streaming_ = false;
    bool failed_ = false;
    // While streaming without a picture: ask the producer for one again, a few times.
    static constexpr int kFirstPictureWaitMs = 1000;
    static constexpr int kMaxNudges = 5;
    QTimer firstPictureTimer_;
    int nudges_ = 0;
    QString lastRefusal_;
};

} // namespace baton
