#pragma once

#include "core/net/Connection.h"
#include "core/session/LinkEstimator.h"
#include "core/session/UpdateBatch.h"
#include "core/session/VideoBitrateTarget.h"

#include <QPointer>

#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <vector>

namespace baton {

// Sends every viewer the same encoded batches, each through its own bounded window of
// unacknowledged batches, so a slow viewer never holds up the others and never costs
// the host more than that window.
//
// Each viewer's window is sized to its path (LinkEstimator, from its FrameAcks): what the
// path delivers in its minimum round trip plus Limits::link.queueTarget, so that at most
// that long queues anywhere between the host and the viewer, within Limits' floor and
// ceiling. A viewer is Live while its window has room: batches go straight to its
// connection.
// When a batch comes while the window is full (or the connection refuses it), the viewer
// becomes Lagging: nothing more is queued for it, and the region of every batch it
// misses is remembered. Once its acknowledgements have drained the window, the owner
// asks catchUps() for the regions to re-send from the current frame — viewers missing
// the same region share one encoded catch-up — and hands the encoded batch back with
// deliverCatchUp(); the viewer is Live again from the next batch. A viewer that joins
// starts Lagging with the whole window missed: a late join is a catch-up.
//
// A viewer that cannot decode the video codec of a batch gets its tile variant instead
// (TileVariantPlanner): the same frame id and region, so everything above holds for it
// unchanged; each variant is encoded once for all such viewers.
//
// A viewer that acknowledges nothing for stallTimeout while batches wait is closed.
// Runs on the session's thread; holds the connections weakly (they delete themselves).
class Broadcaster {
public:
    using Clock = std::chrono::steady_clock;
    using ViewerId = uint16_t;

    struct Limits {
        // Above AckPacer::kMaxHeldFrames plus the batches in flight for a round trip: a
        // 30 fps video on a 300 ms path has 9 in flight and the viewer may hold 4 more
        // (with 8, such a viewer lagged every few frames however fast its path).
        int maxUnackedBatches = 32;
        // The window's ceiling in bytes, whatever the path: what a viewer may cost the host.
        // Also the window until the first acknowledgement measured the path (a joiner's
        // catch-up and the batches right after it on a fast path would not fit less).
        qint64 maxUnackedBytes = 3 * 1024 * 1024;
        // Its floor: one picture of typing or a small video frame always fits.
        qint64 minUnackedBytes = 16 * 1024;
        std::chrono::milliseconds stallTimeout{30'000};
        LinkEstimator::Settings link;
    };

    struct CatchUp {
        Region region;
        std::vector<ViewerId> viewers;
    };

    struct ViewerStats {
        qint64 bytesSent = 0;
        // What the viewer has applied and acknowledged: sampled over time, the rate it
        // actually receives at (bytesSent runs ahead of it by the unacknowledged window).
        qint64 bytesAcked = 0;
        int64_t batchesSent = 0;
        int64_t batchesMissed = 0;
        int64_t catchUps = 0;
        int64_t tileVariants = 0; // batches it got as tile variants of a video batch
        // From sending the newest acknowledged batch to its acknowledgement: network delay
        // both ways plus the viewer's decoding, what the viewer's picture lags behind.
        std::chrono::milliseconds lastRoundTrip{0};
    };

    // What the viewer's LinkEstimator makes of its path, and its window now.
    struct LinkStats {
        // Bytes a second the path delivers; 0 until the first acknowledgement measured it.
        int64_t deliveryRateBytesPerSecond = 0;
        std::chrono::milliseconds minRoundTrip{0};
        std::chrono::milliseconds queueDelay{0};
        qint64 windowBytes = 0;
        qint64 unackedBytes = 0;
        // So far: batches it was sent live, missed (Lagging), and catch-ups it was sent.
        int64_t batchesSent = 0;
        int64_t batchesMissed = 0;
        int64_t catchUps = 0;
    };

    explicit Broadcaster(Limits limits);

    // A batch's form for the viewers that cannot decode codecId, the codec of its video
    // picture.
    struct TileVariant {
        uint8_t codecId = 0;
        UpdateBatchPtr batch;
    };

    // A joined viewer, to be caught up on windowRect before it gets live batches.
    // codecIds: the codecs its Hello lists; none listed means every codec (viewers of
    // protocol 1.1 and older list none and decode everything the host sends).
    void addViewer(ViewerId viewer, net::Connection *connection, const Rect &windowRect,
                   std::vector<uint8_t> codecIds = {});
    void removeViewer(ViewerId viewer);
    bool hasViewer(ViewerId viewer) const { return viewers_.contains(viewer); }
    std::size_t viewerCount() const { return viewers_.size(); }

    // Sends batch to every Live viewer with room, or variant's batch to those that cannot
    // decode variant's codec; the others remember its region.
    void publish(const UpdateBatchPtr &batch, Clock::time_point now,
                 const std::optional<TileVariant> &variant = std::nullopt);
    // Whether a batch with a codecId video picture needs a tile variant: a Live viewer
    // (the only kind publish() sends to) cannot decode it.
    bool anyViewerLacks(uint8_t codecId) const;
    // Whole-window changes (a resize): everyone is caught up on the new window.
    void invalidateAll(const Rect &windowRect);

    // The viewer has applied every batch up to frameId and held this acknowledgement for
    // held after applying frameId (not part of the round trip).
    void acknowledge(ViewerId viewer, uint32_t frameId, Clock::time_point now,
                     std::chrono::milliseconds held = {});

    // Lagging viewers whose window has drained, grouped by the region they miss.
    std::vector<CatchUp> catchUps() const;
    // The encoded catch-up for viewers (from catchUps()); they are Live again.
    void deliverCatchUp(const std::vector<ViewerId> &viewers, const UpdateBatchPtr &batch,
                        Clock::time_point now);

    // Closes viewers that have not acknowledged for stallTimeout while batches wait.
    void closeStalled(Clock::time_point now);

    // The oldest batch every viewer that would receive the batch nextFrameId has received
    // every batch since: tile-cache slots stored before it may be missing on a viewer that
    // joined or was caught up in between (docs/protocol.md §8.7). 0 with no such viewer.
    uint32_t cacheUsableFrom(uint32_t nextFrameId) const;

    bool isLagging(ViewerId viewer) const;
    ViewerStats stats(ViewerId viewer) const;
    LinkStats link(ViewerId viewer) const;
    // The measured paths of the connected viewers, for the video bitrate
    // (videoBitrateKbps).
    std::vector<PathRate> pathRates() const;
    // Bytes sent and not yet acknowledged, over all viewers: bounded by
    // viewerCount() × (maxUnackedBytes + one batch).
    qint64 unackedBytes() const;

private:
    struct Sent {
        uint32_t frameId;
        qint64 bytes;
        Clock::time_point at;
        LinkEstimator::SendStamp stamp;
    };
    struct Viewer {
        QPointer<net::Connection> connection;
        std::vector<uint8_t> codecIds; // empty: every codec
        bool lagging = true;
        Region missed;
        // The first live batch it received since its last catch-up; nullopt until it has
        // one (the next batch published).
        std::optional<uint32_t> liveSince;
        std::deque<Sent> unacked;
        qint64 unackedBytes = 0;
        Clock::time_point lastProgress{};
        LinkEstimator link;
        ViewerStats stats;
    };

    static bool decodes(const Viewer &viewer, uint8_t codecId);
    qint64 windowBytes(const Viewer &viewer) const;
    bool hasRoom(const Viewer &viewer) const;
    bool send(Viewer &viewer, const UpdateBatchPtr &batch, Clock::time_point now);

    Limits limits_;
    std::map<ViewerId, Viewer> viewers_;
};

} // namespace baton
