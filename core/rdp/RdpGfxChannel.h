#pragma once

#include "core/rdp/RdpPictureEncoder.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <freerdp/peer.h>
#include <freerdp/server/rdpgfx.h>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace baton::rdp {

// What the graphics pipelines of all clients of a server sent, for its statistics; counted
// on the clients' threads.
struct RdpGfxCounters {
    std::atomic<int64_t> frames{0};
    std::atomic<int64_t> avc420Commands{0};
};

// The graphics pipeline (MS-RDPEGFX) of one RDP client that announced it: FreeRDP's
// dynamic virtual channel manager of the connection, the rdpgfx channel opened once the
// client's drdynvc is ready, its capabilities confirmed (the highest version FreeRDP 2.11's
// server writes: 10.7 down to 8), then one surface of the desktop's size mapped to the
// output, and every picture as one frame (StartFrame, a planar surface command per tile,
// EndFrame). A new desktop size is a Reset Graphics and a new surface: no re-activation.
// An update's copies are replayed first, as SurfaceToSurface on the desktop's surface.
//
// Video: where the client allows AVC420, the host's H.264 pictures that come with an update
// (RdpPictureUpdate::video) go to a surface of the region's own size mapped over the desktop
// at the region's place, as the host encoded them, and the planar tiles inside the region
// are left out of that frame. A client starts on a key frame: until one comes (it joined
// mid-stream, or fell behind and got the whole picture) it sees the region as planar tiles
// like every other client. A new region replaces the surface; a new size removes it.
//
// Lives on the client's thread, and everything it sends goes from there. FreeRDP runs the
// channel's reading on a thread of its own: the capabilities and frame acknowledgements
// arriving there are only noted and their events set, for the client's thread to act on.
//
// Flow control: at most kMaxFramesInFlight frames unacknowledged (none once the client
// suspended acknowledgements); throttled() says when to leave pictures queued and wait for
// ackEvent().
class RdpGfxChannel {
public:
    enum class State {
        Waiting, // the client announced the pipeline; it is not ready yet
        Ready, // the capabilities are confirmed and the desktop's surface is up
        Unavailable, // the client did not announce it, or it failed: Bitmap Updates instead
    };

    static constexpr uint32_t kMaxFramesInFlight = 8;

    // Before the peer is initialized: opens the connection's virtual channel manager, through
    // which drdynvc and the pipeline run. False from isValid() if FreeRDP could not.
    explicit RdpGfxChannel(rdp_freerdp_peer *peer,
                           std::shared_ptr<RdpGfxCounters> counters = nullptr);
    ~RdpGfxChannel(); // closes the channel (joins FreeRDP's reading thread) and the manager
    RdpGfxChannel(const RdpGfxChannel &) = delete;
    RdpGfxChannel &operator=(const RdpGfxChannel &) = delete;

    bool isValid() const { return vcm_ != nullptr; }

    // What the client's thread waits on beside its socket: data queued for the channels, and
    // capabilities to answer. Appends to handles; returns how many (at most 2).
    uint32_t addEventHandles(HANDLE *handles, uint32_t room) const;
    HANDLE ackEvent() const { return ackEvent_; }

    // After the peer read its socket: sends what the channels queued, opens the pipeline once
    // the client is active and its drdynvc ready, answers its capabilities. False when the
    // connection failed (error() says why); a client without the pipeline is not a failure
    // but Unavailable.
    bool poll();
    State state() const { return state_; }
    // True once after the state became Ready or Unavailable: the client needs the whole
    // picture again, in the other form.
    bool takeStateChange() { return std::exchange(stateChanged_, false); }
    // True once after its video surface went while the picture may differ from the client's
    // own decoding under it: it needs the whole picture.
    bool takeWholeNeeded() { return std::exchange(wholeNeeded_, false); }
    // Confirmed with AVC420 (H.264 4:2:0) allowed.
    bool avc420() const { return avc420_; }
    bool throttled();

    // One picture as one frame on the desktop's surface (its top-down tiles; an update
    // without them is skipped). The update must be of the surface's size: resize() first.
    bool sendPicture(const RdpPictureUpdate &update);
    // A new desktop size: Reset Graphics and a new surface (the client then needs the whole
    // picture).
    bool resize(int widthPx, int heightPx);
    int surfaceWidth() const { return surfaceWidth_; }
    int surfaceHeight() const { return surfaceHeight_; }
    QString error() const { return error_; }

    int64_t framesSent() const { return frameId_; }

private:
    struct Capability {
        uint32_t version = 0;
        uint32_t length = 0;
        uint32_t flags = 0;
    };

    // FreeRDP's channel thread.
    static UINT onCapsAdvertise(RdpgfxServerContext *context, const RDPGFX_CAPS_ADVERTISE_PDU *pdu);
    static UINT onFrameAcknowledge(RdpgfxServerContext *context,
                                   const RDPGFX_FRAME_ACKNOWLEDGE_PDU *pdu);

    bool open();
    bool confirm(const std::vector<Capability> &advertised);
    bool createSurface(int widthPx, int heightPx);
    // Sends frame as AVC420 when the client can decode it from here; *sent says whether.
    bool sendVideo(const RdpVideoFrame &frame, bool *sent);
    bool deleteVideoSurface();
    // A copy on the desktop's surface (SurfaceToSurface), before the frame's tiles.
    bool sendCopy(const RdpCopy &copy);
    // Ends the client's own decoding of the video where the picture no longer shows it.
    bool dropVideo();
    bool flush();
    bool fail(const QString &reason);
    void becomeUnavailable(const QString &why);

    rdp_freerdp_peer *peer_;
    HANDLE vcm_ = nullptr; // the WTS server handle of this connection
    RdpgfxServerContext *gfx_ = nullptr;
    bool opened_ = false;
    State state_ = State::Waiting;
    bool stateChanged_ = false;
    bool wholeNeeded_ = false;
    bool avc420_ = false;
    int surfaceWidth_ = 0;
    int surfaceHeight_ = 0;
    uint32_t frameId_ = 0;
    QString error_;
    std::shared_ptr<RdpGfxCounters> counters_;

    struct VideoSurface {
        uint16_t regionId = 0;
        Rect rect;
    };
    std::optional<VideoSurface> video_; // a surface that has had its key frame

    // Filled on FreeRDP's channel thread.
    std::mutex mutex_;
    std::vector<Capability> advertised_;
    bool capsPending_ = false;
    HANDLE capsEvent_ = nullptr;
    HANDLE ackEvent_ = nullptr;
    std::atomic<uint32_t> ackedFrameId_{0};
    std::atomic<bool> acksSuspended_{false};
};

} // namespace baton::rdp
