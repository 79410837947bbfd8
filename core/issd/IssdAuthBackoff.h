#pragma once

#include "core/common/TokenBucket.h"

#include <QHash>
#include <QHostAddress>

namespace baton::issd {

// Per source (an IPv4 address or an IPv6 /64, as baton::sourceOf groups them, like the
// host's limiter): after each failed AUTH the source must wait before its next AUTH,
// the wait doubling per failure up to a maximum; a success clears it. Bounded: at most
// maxTracked sources are remembered (the oldest waits are dropped first).
class IssdAuthBackoff {
public:
    struct Policy {
        std::chrono::milliseconds base{1000};
        std::chrono::milliseconds maximum{60000};
        int maxTracked = 1024;
    };

    explicit IssdAuthBackoff(Policy policy, TokenBucket::Clock clock = TokenBucket::steadyClock());

    // How long the address must still wait; zero when it may try.
    std::chrono::milliseconds waitFor(const QHostAddress &address) const;
    void recordFailure(const QHostAddress &peer);
    void recordSuccess(const QHostAddress &address);

private:
    struct Entry {
        int failures = 0;
        std::chrono::milliseconds until{0};
    };
    Policy policy_;
    TokenBucket::Clock clock_;
    QHash<QHostAddress, Entry> entries_;
};

} // namespace baton::issd
