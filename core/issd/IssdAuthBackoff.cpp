#include "core/issd/IssdAuthBackoff.h"

#include "core/common/SourceAddress.h"

#include <algorithm>

namespace baton::issd {

IssdAuthBackoff::IssdAuthBackoff(Policy policy, TokenBucket::Clock clock)
    : policy_(policy), clock_(std::move(clock))
{
}

std::chrono::milliseconds IssdAuthBackoff::waitFor(const QHostAddress &address) const
{
    const auto it = entries_.constFind(sourceOf(address));
    if (it == entries_.constEnd())
        return std::chrono::milliseconds(0);
    return std::max(std::chrono::milliseconds(0), it->until - std::chrono::duration_cast<std::chrono::milliseconds>(clock_()));
}

void IssdAuthBackoff::recordFailure(const QHostAddress &peer)
{
    const QHostAddress address = sourceOf(peer);
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(clock_());
    if (!entries_.contains(address) && entries_.size() >= policy_.maxTracked) {
        auto oldest =
            std::min_element(entries_.begin(), entries_.end(),
                             [](const Entry &a, const Entry &b) { return a.until < b.until; });
        entries_.erase(oldest);
    }
    Entry &entry = entries_[address];
    entry.failures = std::min(entry.failures + 1, 30);
    const std::chrono::milliseconds doubled =
        policy_.base * (1 << std::min(entry.failures - 1, 20));
    const auto wait = std::min(policy_.maximum, doubled);
    entry.until = now + wait;
}

void IssdAuthBackoff::recordSuccess(const QHostAddress &address)
{
    entries_.remove(sourceOf(address));
}

} // namespace baton::issd
