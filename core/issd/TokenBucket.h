#pragma once

#include <chrono>
#include <functional>

namespace baton::issd {

// The command rate limit: `ratePerSecond` tokens flow in, at most `burst` wait; each
// command takes one. Time comes from the injected clock so tests need not sleep.
class TokenBucket {
public:
    using Clock = std::function<std::chrono::milliseconds()>;
    static Clock steadyClock();

    TokenBucket(double ratePerSecond, double burst, Clock clock = steadyClock());

    // Takes a token; false when none is left.
    bool tryTake();
    // Whole seconds until a token is there again (at least 1), for retry-after=.
    int retryAfterSeconds() const;

private:
    void refill();

    double ratePerMs_;
    double burst_;
    double tokens_;
    Clock clock_;
    std::chrono::milliseconds last_;
};

} // namespace baton::issd
