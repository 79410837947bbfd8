#pragma once

#include "core/rdp/RdpPictureEncoder.h"
#include "core/rdp/RdpPointerShape.h"

#include <QPoint>
#include <QString>

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

namespace baton::rdp {

// The pointer's look for every client, made once: hidden, the client's default arrow (null
// shape), or an image; small is the image fitted to a New Pointer update, for clients
// without the Large Pointer capability (null when shape fits one already).
struct RdpPointerLook {
    bool visible = true;
    RdpPointerShape shape;
    RdpPointerShape small;
};
using RdpPointerLookPtr = std::shared_ptr<const RdpPointerLook>;

// What the server hands one client's thread: picture updates in order, the pointer's latest
// look and position (older ones are simply replaced), and a request to end. Filled on the
// server's thread, emptied on the client's; every call is thread-safe. Bounded: pictures
// past kMaxBytes or kMaxUpdates are not queued but dropped together with what was waiting,
// and the server sends the whole picture instead (a slow client skips frames instead of
// holding memory). wakeEvent() and endEvent() are WinPR events, set while pictures or the
// pointer wait and once the end was asked for, so that the client's thread can wait on them
// beside its socket (and on the end alone while its socket takes nothing more).
class RdpClientQueue {
public:
    static constexpr qsizetype kMaxBytes = qsizetype{32} * 1024 * 1024;
    static constexpr int kMaxUpdates = 256;

    struct End {
        QString reason;
        uint32_t errorInfo = 0; // MS-RDPBCGR Set Error Info code sent before closing
    };

    RdpClientQueue();
    ~RdpClientQueue();
    RdpClientQueue(const RdpClientQueue &) = delete;
    RdpClientQueue &operator=(const RdpClientQueue &) = delete;

    // False when the update would pass the bound: then nothing is queued any more, and the
    // client needs replacePictures() with the whole picture; until then every push is refused
    // too (an update's copies move the picture the previous update left, so none may follow
    // a gap).
    bool pushPicture(RdpPictureUpdatePtr update);
    // Drops every queued picture update and queues update alone.
    void replacePictures(RdpPictureUpdatePtr update);
    void setPointerLook(RdpPointerLookPtr look);
    void setPointerPosition(QPoint position);
    // The first request wins; later ones are ignored.
    void end(const QString &reason, uint32_t errorInfo);

    // The client's thread: what is due, oldest picture first.
    RdpPictureUpdatePtr takePicture();
    RdpPointerLookPtr takePointerLook();
    std::optional<QPoint> takePointerPosition();
    std::optional<End> takeEnd();
    // Clears the wake event once no picture or pointer waits (a push after this sets it
    // again).
    void rearm();

    void *wakeEvent() const { return wakeEvent_; }
    void *endEvent() const { return endEvent_; }

private:
    mutable std::mutex mutex_;
    std::deque<RdpPictureUpdatePtr> pictures_;
    qsizetype pictureBytes_ = 0;
    bool dropped_ = false; // since the last replacePictures()
    RdpPointerLookPtr pointerLook_;
    std::optional<QPoint> pointerPosition_;
    std::optional<End> end_;
    bool endTaken_ = false;
    void *wakeEvent_ = nullptr; // WinPR HANDLEs
    void *endEvent_ = nullptr;
};

} // namespace baton::rdp
