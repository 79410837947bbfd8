#include "core/issd/TokenBucket.h"

#include <algorithm>
#include <cmath>

namespace baton::issd {

TokenBucket::Clock TokenBucket::steadyClock()
{
    return [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now().time_since_epoch());
    };
}

TokenBucket::TokenBucket(double ratePerSecond, double burst, Clock clock)
    : ratePerMs_(ratePerSecond / 1000.0), burst_(burst), tokens_(burst), clock_(std::move(clock)),
      last_(clock_())
{
}

void TokenBucket::refill()
{
    const auto now = clock_();
    tokens_ = std::min(burst_, tokens_ + double((now - last_).count()) * ratePerMs_);
    last_ = now;
}

bool TokenBucket::tryTake()
{
    refill();
    if (tokens_ < 1.0)
        return false;
    tokens_ -= 1.0;
    return true;
}

int TokenBucket::retryAfterSeconds() const
{
    if (ratePerMs_ <= 0)
        return 1;
    const double missingMs = std::max(0.0, 1.0 - tokens_) / ratePerMs_;
    return std::max(1, int(std::ceil(missingMs / 1000.0)));
}

} // namespace baton::issd
