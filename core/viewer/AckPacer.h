#pragma once

#include <cstdint>
#include <optional>

namespace baton {

// When a viewer acknowledges the frames it presents (docs/protocol.md §16.2). FrameAck is
// cumulative, so one acknowledgement may cover several frames: a sparse stream (typing) is
// acknowledged frame by frame at once, a dense one (scrolling, video) at most every
// kMinIntervalMs, every kMaxHeldFrames frames or every kMaxHeldBytes received. Each
// acknowledgement costs the host a wake-up, a TLS record and a decode; at one per frame
// they were about a third of what 30 viewers added to the host's CPU in the scrolling
// benchmark (docs/benchmarks.md).
//
// The host's window (Broadcaster::Limits: at most 32 batches, and bytes sized to the
// viewer's path, 16 KiB to 3 MiB) must stay above kMaxHeldFrames plus what is in flight, and an acknowledgement says how
// long it was held so that the host's round-trip figure leaves that out. Times are in
// milliseconds on any monotonic clock.
class AckPacer {
public:
    static constexpr int kMaxHeldFrames = 4;
    static constexpr int64_t kMinIntervalMs = 100;
    static constexpr int64_t kMaxHeldBytes = 256 * 1024;

    struct Ack {
        uint32_t frameId = 0;
        // From presenting frameId to sending this, capped at 65,535.
        uint16_t heldMs = 0;
        friend bool operator==(const Ack &, const Ack &) = default;
    };

    // frameId was presented at nowMs, with bytesReceived bytes received on the connection
    // so far: the acknowledgement to send now, if one is due; otherwise it is held until
    // dueAtMs().
    std::optional<Ack> presented(uint32_t frameId, int64_t nowMs, int64_t bytesReceived);
    // When the held acknowledgement is due; nullopt while none is held.
    std::optional<int64_t> dueAtMs() const;
    // The held acknowledgement, sent now (the timer for dueAtMs() fired); nullopt if none.
    std::optional<Ack> release(int64_t nowMs);

private:
    Ack take(int64_t nowMs);

    std::optional<int64_t> lastSentMs_;
    int64_t bytesAtLastSent_ = 0;
    int64_t bytesReceived_ = 0;
    int heldFrames_ = 0;
    uint32_t heldFrameId_ = 0;
    int64_t heldSinceMs_ = 0;
};

} // namespace baton
