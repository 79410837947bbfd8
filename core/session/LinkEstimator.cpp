#include "core/session/LinkEstimator.h"

#include <algorithm>

namespace baton {
namespace {

int64_t bytesIn(int64_t bytesPerSecond, LinkEstimator::Clock::duration duration)
{
    return int64_t(double(bytesPerSecond) * std::chrono::duration<double>(duration).count());
}

} // namespace

LinkEstimator::SendStamp LinkEstimator::sent(int64_t bytes, int64_t inFlightBytes,
                                             Clock::time_point now)
{
    if (inFlightBytes == 0) {
        // A flight after a pause: the time the path sat idle is no part of any sample.
        deliveredAt_ = now;
        firstSentAt_ = now;
    }
    SendStamp stamp;
    stamp.delivered = delivered_;
    stamp.deliveredAt = deliveredAt_;
    stamp.firstSentAt = firstSentAt_;
    stamp.sentAt = now;
    stamp.bytes = bytes;
    stamp.inFlight = inFlightBytes + bytes;
    return stamp;
}

void LinkEstimator::acknowledged(const SendStamp &newest, int64_t ackedBytes, Clock::time_point now,
                                 std::chrono::milliseconds held)
{
    // When the viewer applied the newest batch: the hold is the viewer's choice, not the
    // path's. Never before the batch left nor before the previous acknowledgement.
    const Clock::time_point ackAt = std::max({now - held, newest.sentAt, deliveredAt_});
    delivered_ += ackedBytes;
    deliveredAt_ = ackAt;
    firstSentAt_ = newest.sentAt;

    const Clock::duration roundTrip = ackAt - newest.sentAt;
    addRoundTrip(roundTrip, ackAt);
    // The batch's own transmission is no queue: without it, every large batch (a key
    // frame, a catch-up) would look like congestion.
    const Clock::duration transmission = rate_ && *rate_ > 0
        ? std::chrono::duration_cast<Clock::duration>(
              std::chrono::duration<double>(double(newest.bytes) / double(*rate_)))
        : Clock::duration{};
    const Clock::duration queued = roundTrip - transmission - *minRoundTrip_;

    const int64_t deliveredBytes = delivered_ - newest.delivered;
    const Clock::duration interval =
        std::max({newest.sentAt - newest.firstSentAt, ackAt - newest.deliveredAt,
                  Clock::duration(std::chrono::milliseconds(1))});
    // Shorter than a round trip, the interval measures how acknowledgements bunched up on
    // the way back, not the path (BBR discards these too).
    if (minRoundTrip_ && interval < *minRoundTrip_)
        return;
    const auto sample =
        int64_t(double(deliveredBytes) / std::chrono::duration<double>(interval).count());
    const bool busy =
        newest.inFlight >= std::max(kBusyBytes, bytesIn(rate_.value_or(0), *minRoundTrip_));
    if (busy && queued > settings_.queueTarget) {
        lastQueuedAt_ = ackAt;
        rates_.clear();
        rates_.push_back({ackAt, sample});
        rate_ = sample;
        return;
    }
    const bool pathLimited = busy && queued > settings_.queueTarget / 2;
    if (pathLimited)
        lastQueuedAt_ = ackAt;
    addRate(sample, pathLimited, ackAt);
}

void LinkEstimator::addRate(int64_t bytesPerSecond, bool pathLimited, Clock::time_point at)
{
    while (!rates_.empty() && at - rates_.front().at > settings_.rateWindow)
        rates_.pop_front();
    if (!pathLimited && rate_ && bytesPerSecond < *rate_)
        return;
    while (!rates_.empty() && rates_.back().bytesPerSecond <= bytesPerSecond)
        rates_.pop_back();
    rates_.push_back({at, bytesPerSecond});
    if (rates_.size() > kMaxSamples)
        rates_.pop_front();
    rate_ = rates_.front().bytesPerSecond;
}

void LinkEstimator::addRoundTrip(Clock::duration roundTrip, Clock::time_point at)
{
    lastRoundTrip_ = roundTrip;
    while (!roundTrips_.empty() && at - roundTrips_.front().at > settings_.minRoundTripWindow)
        roundTrips_.pop_front();
    while (!roundTrips_.empty() && roundTrips_.back().roundTrip >= roundTrip)
        roundTrips_.pop_back();
    roundTrips_.push_back({at, roundTrip});
    if (roundTrips_.size() > kMaxSamples)
        roundTrips_.pop_front();
    minRoundTrip_ = roundTrips_.front().roundTrip;
}

bool LinkEstimator::provedLimit() const
{
    return lastQueuedAt_ && deliveredAt_ - *lastQueuedAt_ <= settings_.minRoundTripWindow;
}

std::optional<int64_t> LinkEstimator::deliveryRateBytesPerSecond() const
{
    return rate_;
}

std::optional<LinkEstimator::Clock::duration> LinkEstimator::minRoundTrip() const
{
    return minRoundTrip_;
}

LinkEstimator::Clock::duration LinkEstimator::queueDelay() const
{
    return minRoundTrip_ ? std::max(Clock::duration{}, lastRoundTrip_ - *minRoundTrip_)
                         : Clock::duration{};
}

std::optional<int64_t> LinkEstimator::windowBytes() const
{
    if (!rate_ || !minRoundTrip_)
        return std::nullopt;
    return bytesIn(*rate_, *minRoundTrip_ + settings_.queueTarget);
}

} // namespace baton
