#pragma once

#include <chrono>
#include <functional>

namespace baton {

// A token bucket: up to `burst` events at once, then `perSecond` on average; it starts
// full. What spends its tokens: the host's TLS handshakes (a flood costs at most that much
// CPU however fast it connects), an ISSD connection's commands, and its allowance of lines
// over that rate. Time comes from the injected clock (tests pass a fake one; a clock in
// milliseconds converts). Not thread-safe: one owner.
class TokenBucket {
public:
    using Clock = std::function<std::chrono::nanoseconds()>;
    static Clock steadyClock();

    // perSecond >= 0 (0: the bucket never refills) and burst >= 1.
    TokenBucket(double perSecond, double burst, Clock clock = steadyClock());

    // Spends a token if one is there.
    bool tryTake();
    // How long until the next token is there: zero when one is there now; max() when the
    // bucket never refills.
    std::chrono::nanoseconds untilNext();
    // The same in whole seconds, at least 1 (an ISSD retry-after=).
    int retryAfterSeconds();

private:
    void refill();

    double perSecond_;
    double burst_;
    Clock clock_;
    double tokens_;
    std::chrono::nanoseconds refilledAt_;
};

} // namespace baton
