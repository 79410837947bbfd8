#include "core/net/AttemptLimiter.h"

#include "core/common/SourceAddress.h"
#include "core/net/Logging.h"

#include <algorithm>
#include <utility>

namespace baton::net {

using std::chrono::milliseconds;

AttemptLimiter::Clock AttemptLimiter::steadyClock()
{
    return [] {
        return std::chrono::duration_cast<milliseconds>(
            std::chrono::steady_clock::now().time_since_epoch());
    };
}

AttemptLimiter::AttemptLimiter(Clock clock) : AttemptLimiter(Policy(), std::move(clock))
{
}

AttemptLimiter::AttemptLimiter(Policy policy, Clock clock)
    : policy_(policy), clock_(std::move(clock))
{
}

void AttemptLimiter::forgetStale(milliseconds now)
{
    for (auto it = sources_.begin(); it != sources_.end();) {
        auto &failures = it->failures;
        failures.erase(std::remove_if(failures.begin(), failures.end(),
                                      [&](milliseconds at) { return now - at >= policy_.window; }),
                       failures.end());
        if (failures.empty() && it->blockedUntil <= now)
            it = sources_.erase(it);
        else
            ++it;
    }
}

milliseconds AttemptLimiter::blockedFor(const QHostAddress &address)
{
    const milliseconds now = clock_();
    const auto it = sources_.constFind(sourceOf(address));
    if (it == sources_.cend() || it->blockedUntil <= now)
        return milliseconds(0);
    return it->blockedUntil - now;
}

bool AttemptLimiter::recordFailure(const QHostAddress &address)
{
    const milliseconds now = clock_();
    forgetStale(now);
    const QHostAddress key = sourceOf(address);
    if (!sources_.contains(key) && sources_.size() >= policy_.maxTrackedSources) {
        // Under a flood from many sources the table stays bounded; the newcomer is still
        // refused this time, it merely is not remembered.
        noteUntracked(key, now);
        return false;
    }
    if (fullWarning_.heldBack > 0 && !sources_.contains(key)) {
        // Room again: say how many went untracked since the last warning, or nobody would.
        qCWarning(lcNet).noquote()
            << QStringLiteral("attempt limiter has room again; %1 more wrong passcodes went "
                              "untracked since the last warning")
                   .arg(std::exchange(fullWarning_.heldBack, 0));
    }
    Source &source = sources_[key];
    if (source.blockedUntil > now)
        return false;
    source.failures.push_back(now);
    if (int(source.failures.size()) < policy_.maxFailures)
        return false;
    source.failures.clear();
    source.blockedUntil = now + policy_.blockDuration;
    noteBlocked(key, now);
    return true;
}

std::optional<int> AttemptLimiter::ThrottledWarning::due(milliseconds now)
{
    if (lastLineAt && now - *lastLineAt < kFullLogInterval) {
        ++heldBack;
        return std::nullopt;
    }
    lastLineAt = now;
    return std::exchange(heldBack, 0);
}

void AttemptLimiter::noteBlocked(const QHostAddress &key, milliseconds now)
{
    // Each block is also a refusal the host's RefusalLog counts (RateLimited); this line
    // names the source, and must not become a line per source under a spray.
    const auto heldBack = blockWarning_.due(now);
    if (!heldBack)
        return;
    QString line = QStringLiteral("%1 refused for %2 ms after %3 wrong passcodes")
                       .arg(key.toString())
                       .arg(policy_.blockDuration.count())
                       .arg(policy_.maxFailures);
    if (*heldBack > 0)
        line += QStringLiteral("; %1 more sources refused since the last warning").arg(*heldBack);
    qCWarning(lcNet).noquote() << line;
}

void AttemptLimiter::noteUntracked(const QHostAddress &key, milliseconds now)
{
    // A spray from many sources would otherwise write a warning per wrong passcode.
    const auto heldBack = fullWarning_.due(now);
    if (!heldBack)
        return;
    QString line = QStringLiteral("attempt limiter full (%1 sources); not tracking %2")
                       .arg(policy_.maxTrackedSources)
                       .arg(key.toString());
    if (*heldBack > 0)
        line +=
            QStringLiteral(" and %1 more wrong passcodes since the last warning").arg(*heldBack);
    qCWarning(lcNet).noquote() << line;
}

void AttemptLimiter::recordSuccess(const QHostAddress &address)
{
    sources_.remove(sourceOf(address));
}

} // namespace baton::net
