#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>

namespace baton {

// What one viewer's path delivers, estimated from the batches the host sends it and the
// FrameAcks that come back, the way BBR reads a path from TCP's acknowledgements:
//
// - Delivery rate: for each acknowledgement, the bytes acknowledged since the newest
//   acknowledged batch was sent, over the time that took; the estimate is the highest
//   such sample over the last Settings::rateWindow. Only a sample whose batch waited in a
//   queue (more than half of queueTarget) behind at least kBusyBytes and the path's
//   bandwidth-delay product shows what the path carries; any other shows
//   what the host had to send (typing: a keystroke now and then; a video under its cap)
//   and may raise the estimate but never lowers it. So a quiet viewer keeps the rate its
//   path last proved, and a video capped below the estimate cannot talk it down (BBR
//   tells these apart by what was in flight, which here would let a capped video's
//   samples lower the cap they follow, round after round).
// - Minimum round trip: the shortest round trip (the viewer's hold time left out) over
//   Settings::minRoundTripWindow: propagation both ways, the viewer's decoding and the
//   smallest batch's transmission.
// - Queue delay: the newest round trip less the minimum, what the newest batch waited
//   behind the ones before it. A queue longer than Settings::queueTarget (beyond the
//   batch's own transmission at the estimated rate) proves that the path carries less
//   than the estimate: the rate then drops to the newest sample at once
//   instead of waiting for the older, faster ones to leave the window.
//
// Pure arithmetic on the times it is given (no clock, no event loop), so that a test can
// drive it through a simulated link. Memory is bounded by kMaxSamples.
class LinkEstimator {
public:
    using Clock = std::chrono::steady_clock;

    struct Settings {
        Clock::duration rateWindow = std::chrono::seconds(1);
        Clock::duration minRoundTripWindow = std::chrono::seconds(10);
        // The most a batch should wait in the path's queue (issue 20: 250 ms).
        Clock::duration queueTarget = std::chrono::milliseconds(250);
    };

    // What the estimator needs back with a batch's acknowledgement: the sender keeps it
    // with the batch.
    struct SendStamp {
        int64_t delivered = 0; // bytes acknowledged when the batch was sent
        Clock::time_point deliveredAt{}; // when those were (the last acknowledgement)
        Clock::time_point firstSentAt{}; // when the batch acknowledged then was sent
        Clock::time_point sentAt{};
        int64_t bytes = 0;
        int64_t inFlight = 0; // with this batch
    };

    LinkEstimator() = default;
    explicit LinkEstimator(Settings settings) : settings_(settings) { }

    // A batch of bytes goes out at now, with inFlightBytes already unacknowledged.
    SendStamp sent(int64_t bytes, int64_t inFlightBytes, Clock::time_point now);
    // The viewer acknowledged ackedBytes, the newest of them sent with newest; it held the
    // acknowledgement for held after applying that batch (AckPacer).
    void acknowledged(const SendStamp &newest, int64_t ackedBytes, Clock::time_point now,
                      std::chrono::milliseconds held);

    // Bytes a second; nullopt before the first sample.
    std::optional<int64_t> deliveryRateBytesPerSecond() const;
    std::optional<Clock::duration> minRoundTrip() const;
    Clock::duration lastRoundTrip() const { return lastRoundTrip_; }
    // Whether a queued sample showed the path's limit within the last
    // minRoundTripWindow (of acknowledgements): otherwise the rate is only what the host
    // sent, and says nothing of what the path could carry.
    bool provedLimit() const;
    Clock::duration queueDelay() const;
    // What may be in flight for the queue to stay within queueTarget:
    // rate × (minimum round trip + queueTarget); nullopt before the first sample.
    std::optional<int64_t> windowBytes() const;

    static constexpr std::size_t kMaxSamples = 256;
    // Less in flight than this says nothing of a path's rate, however long it took: a
    // keystroke's picture that a busy host or viewer delayed is no slow link.
    static constexpr int64_t kBusyBytes = 16 * 1024;

private:
    struct RateSample {
        Clock::time_point at;
        int64_t bytesPerSecond;
    };
    struct RoundTripSample {
        Clock::time_point at;
        Clock::duration roundTrip;
    };

    void addRate(int64_t bytesPerSecond, bool pathLimited, Clock::time_point at);
    void addRoundTrip(Clock::duration roundTrip, Clock::time_point at);

    Settings settings_;
    int64_t delivered_ = 0;
    Clock::time_point deliveredAt_{};
    Clock::time_point firstSentAt_{};
    // Monotonic deques: rates decreasing and round trips increasing from the front, so
    // the front is the window's maximum (minimum) and expires first.
    std::deque<RateSample> rates_;
    std::deque<RoundTripSample> roundTrips_;
    std::optional<int64_t> rate_;
    std::optional<Clock::duration> minRoundTrip_;
    Clock::duration lastRoundTrip_{};
    std::optional<Clock::time_point> lastQueuedAt_;
};

} // namespace baton
