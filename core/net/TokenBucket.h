#pragma once

#include <chrono>
#include <functional>

namespace baton::net {

// A token bucket: up to `burst` events at once, then `perSecond` on average. The host
// spends one token per TLS handshake it starts, so a handshake flood costs at most that
// much CPU however fast it connects. Time comes from the injected clock (tests pass a fake
// one); not thread-safe (the door thread owns it).
class TokenBucket {
public:
    using Clock = std::function<std::chrono::nanoseconds()>;
    static Clock steadyClock();

    // perSecond > 0 and burst >= 1; the bucket starts full.
    TokenBucket(double perSecond, int burst, Clock clock = steadyClock());

    // Spends a token if one is there.
    bool take();
    // How long until the next token is there: zero when one is there now.
    std::chrono::nanoseconds untilNext();

private:
    void refill();

    double perSecond_;
    double burst_;
    Clock clock_;
    double tokens_;
    std::chrono::nanoseconds refilledAt_;
};

} // namespace baton::net
