#include "core/common/TokenBucket.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace baton {

TokenBucket::Clock TokenBucket::steadyClock()
{
    return [] {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
            std::chrono::steady_clock::now().time_since_epoch());
    };
}

TokenBucket::TokenBucket(double perSecond, double burst, Clock clock)
    : perSecond_(std::max(perSecond, 0.0)),
      burst_(std::max(burst, 1.0)),
      clock_(std::move(clock)),
      tokens_(burst_),
      refilledAt_(clock_())
{
}

bool TokenBucket::tryTake()
{
    refill();
    if (tokens_ < 1.0)
        return false;
    tokens_ -= 1.0;
    return true;
}

std::chrono::nanoseconds TokenBucket::untilNext()
{
    refill();
    if (tokens_ >= 1.0)
        return std::chrono::nanoseconds(0);
    if (perSecond_ <= 0)
        return std::chrono::nanoseconds::max();
    return std::chrono::nanoseconds(int64_t(std::ceil((1.0 - tokens_) / perSecond_ * 1e9)));
}

int TokenBucket::retryAfterSeconds()
{
    const auto wait = untilNext();
    if (wait == std::chrono::nanoseconds::max())
        return 1;
    return std::max(1, int(std::chrono::ceil<std::chrono::seconds>(wait).count()));
}

void TokenBucket::refill()
{
    const auto now = clock_();
    const double seconds = std::chrono::duration<double>(now - refilledAt_).count();
    refilledAt_ = now;
    if (seconds > 0)
        tokens_ = std::min(burst_, tokens_ + seconds * perSecond_);
}

} // namespace baton
