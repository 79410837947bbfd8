#include "AckPacer.h"

#include <algorithm>

namespace baton {

std::optional<AckPacer::Ack> AckPacer::presented(uint32_t frameId, int64_t nowMs,
                                                 int64_t bytesReceived)
{
    ++heldFrames_;
    heldFrameId_ = frameId;
    heldSinceMs_ = nowMs;
    bytesReceived_ = bytesReceived;
    if (heldFrames_ >= kMaxHeldFrames || bytesReceived - bytesAtLastSent_ >= kMaxHeldBytes ||
        !lastSentMs_ || nowMs - *lastSentMs_ >= kMinIntervalMs)
        return take(nowMs);
    return std::nullopt;
}

std::optional<int64_t> AckPacer::dueAtMs() const
{
    if (heldFrames_ == 0)
        return std::nullopt;
    return *lastSentMs_ + kMinIntervalMs;
}

std::optional<AckPacer::Ack> AckPacer::release(int64_t nowMs)
{
    if (heldFrames_ == 0)
        return std::nullopt;
    return take(nowMs);
}

AckPacer::Ack AckPacer::take(int64_t nowMs)
{
    const int64_t held = std::clamp<int64_t>(nowMs - heldSinceMs_, 0, UINT16_MAX);
    lastSentMs_ = nowMs;
    bytesAtLastSent_ = bytesReceived_;
    heldFrames_ = 0;
    return {heldFrameId_, static_cast<uint16_t>(held)};
}

} // namespace baton
