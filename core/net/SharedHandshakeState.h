#pragma once

#include "core/net/AttemptLimiter.h"
#include "core/net/UserIdAllocator.h"

#include <mutex>
#include <utility>

namespace baton::net {

// A value behind its own mutex: the little state that both the listener's door thread
// (where handshakes are decided) and the session thread (where joined viewers leave, and
// where tests look) touch. locked() is the only way in.
template <typename T> class Guarded {
public:
    template <typename... Args>
    explicit Guarded(Args &&...args) : value_(std::forward<Args>(args)...)
    {
    }
    Guarded(const Guarded &) = delete;
    Guarded &operator=(const Guarded &) = delete;

    template <typename F> decltype(auto) locked(F &&f)
    {
        const std::lock_guard lock(mutex_);
        return std::forward<F>(f)(value_);
    }
    template <typename F> decltype(auto) locked(F &&f) const
    {
        const std::lock_guard lock(mutex_);
        return std::forward<F>(f)(std::as_const(value_));
    }

private:
    mutable std::mutex mutex_;
    T value_;
};

// The viewer user ids: taken on the door thread when a Hello is accepted, given back on
// the session thread when that viewer's connection closes.
class UserIdPool : public Guarded<UserIdAllocator> {
public:
    using Guarded::Guarded;
    void release(uint16_t userId)
    {
        locked([userId](UserIdAllocator &ids) { ids.release(userId); });
    }
    size_t inUseCount() const
    {
        return locked([](const UserIdAllocator &ids) { return ids.inUseCount(); });
    }
};

// The passcode AttemptLimiter: used on the door thread; the session (and tests) may read
// it or record a failure from theirs.
class SharedAttemptLimiter : public Guarded<AttemptLimiter> {
public:
    using Guarded::Guarded;
    std::chrono::milliseconds blockedFor(const QHostAddress &address)
    {
        return locked([&](AttemptLimiter &limiter) { return limiter.blockedFor(address); });
    }
    bool recordFailure(const QHostAddress &address)
    {
        return locked([&](AttemptLimiter &limiter) { return limiter.recordFailure(address); });
    }
    int trackedSources() const
    {
        return locked([](const AttemptLimiter &limiter) { return limiter.trackedSources(); });
    }
};

} // namespace baton::net
