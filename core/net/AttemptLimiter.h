#pragma once

#include <QHash>
#include <QHostAddress>

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

namespace baton::net {

// Refuses an address that guessed the passcode wrong too often: after maxFailures failures
// within window, the address is refused for blockDuration. Keeps no history for addresses
// that behave, and at most maxTrackedSources entries in all, so a flood of sources cannot
// grow it without bound.
//
// IPv6 addresses are grouped by their /64 prefix (one host owns a whole /64 and could
// otherwise rotate through it); an IPv4-mapped IPv6 address counts as its IPv4 address.
// While the table is full, failures it cannot track are logged summarised: at most one
// warning per kFullLogInterval, saying how many went untracked since the last one. Blocks
// are logged the same way: a spray of wrong passcodes from many sources blocks each.
// Used on the event-loop thread only; time comes from the injected clock.
class AttemptLimiter {
public:
    using Clock = std::function<std::chrono::milliseconds()>;

    struct Policy {
        int maxFailures = 5;
        std::chrono::milliseconds window = std::chrono::minutes(1);
        std::chrono::milliseconds blockDuration = std::chrono::minutes(1);
        int maxTrackedSources = 4096;
    };

    // A monotonic clock (std::chrono::steady_clock).
    static Clock steadyClock();

    explicit AttemptLimiter(Clock clock = steadyClock());
    AttemptLimiter(Policy policy, Clock clock);

    // How much longer the address is refused; zero when it may try.
    std::chrono::milliseconds blockedFor(const QHostAddress &address);
    bool isBlocked(const QHostAddress &address) { return blockedFor(address).count() > 0; }

    // A wrong passcode from the address. Returns true when this failure starts a block.
    bool recordFailure(const QHostAddress &address);

    // The right passcode: the address starts again with a clean slate.
    void recordSuccess(const QHostAddress &address);

    int trackedSources() const { return int(sources_.size()); }

    // At most one "limiter full" and one "refused" warning per interval, as the host's
    // RefusalLog summarises.
    static constexpr std::chrono::milliseconds kFullLogInterval = std::chrono::seconds(5);

private:
    struct Source {
        std::vector<std::chrono::milliseconds> failures; // within the window, oldest first
        std::chrono::milliseconds blockedUntil{0};
    };

    void forgetStale(std::chrono::milliseconds now);
    void noteUntracked(const QHostAddress &key, std::chrono::milliseconds now);
    void noteBlocked(const QHostAddress &key, std::chrono::milliseconds now);

    // A warning written at most once per kFullLogInterval; the events held back meanwhile
    // are counted into the next line.
    struct ThrottledWarning {
        std::optional<std::chrono::milliseconds> lastLineAt;
        int heldBack = 0;
        // When a line is due now: the count held back since the last one (then reset).
        // Otherwise nothing, and this event is held back.
        std::optional<int> due(std::chrono::milliseconds now);
    };

    Policy policy_;
    Clock clock_;
    QHash<QHostAddress, Source> sources_;
    ThrottledWarning fullWarning_; // "limiter full": failures it could not track
    ThrottledWarning blockWarning_; // "refused": blocks started
};

} // namespace baton::net
