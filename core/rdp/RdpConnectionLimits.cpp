#include "core/rdp/RdpConnectionLimits.h"

#include "core/common/SourceAddress.h"

namespace baton::rdp {
namespace {

using Clock = std::chrono::steady_clock;

double perSecond(double perMinute)
{
    return perMinute / 60.0;
}

} // namespace

RdpConnectionLimits::RdpConnectionLimits(const RdpConnectionLimitsConfig &config)
    : config_(config),
      // No busy replies: an RDP client that hears nothing useful before TLS is simply cut.
      pending_({config.maxPending, config.maxPendingPerSource, 0}),
      wrongPasswords_(config.wrongPasswords, net::AttemptLimiter::steadyClock()),
      total_(perSecond(config.totalPerMinute), config.totalBurst)
{
}

bool RdpConnectionLimits::admit(QObject *key, const QHostAddress &address)
{
    using protocol::CloseReason;
    if (const auto blocked = wrongPasswords_.blockedFor(address); blocked.count() > 0) {
        refused(address, CloseReason::RateLimited,
                QStringLiteral("wrong passwords: cut before TLS, %1 s left")
                    .arg((blocked.count() + 999) / 1000));
        return false;
    }
    const QHostAddress source = sourceOf(address);
    SourceRate *rate = rateOf(source);
    if (rate && rate->bucket.untilNext().count() > 0) {
        refused(address, CloseReason::HostBusy,
                QStringLiteral("more than %1 connections a minute from this source")
                    .arg(config_.perSourcePerMinute));
        return false;
    }
    if (total_.untilNext().count() > 0) {
        // Each TLS handshake costs CPU (and FreeRDP 2.11 memory: docs/security.md §3).
        refused(
            address, CloseReason::HostBusy,
            QStringLiteral("more than %1 connections a minute in all").arg(config_.totalPerMinute));
        return false;
    }
    if (pending_.admit(key, address) != net::PendingHandshakes::Admission::Handshake) {
        refused(address, CloseReason::HostBusy,
                QStringLiteral("%1 connections logging on, %2 from this source")
                    .arg(pending_.handshakes())
                    .arg(pending_.fromSource(address)));
        return false;
    }
    if (rate) {
        rate->bucket.tryTake();
        rate->lastTaken = Clock::now();
    }
    total_.tryTake();
    return true;
}

void RdpConnectionLimits::loggedOn(QObject *key, const QHostAddress &address)
{
    pending_.release(key);
    wrongPasswords_.recordSuccess(address);
}

void RdpConnectionLimits::wrongPassword(const QHostAddress &address)
{
    wrongPasswords_.recordFailure(address);
}

void RdpConnectionLimits::ended(QObject *key)
{
    pending_.release(key);
}

RdpConnectionLimits::SourceRate *RdpConnectionLimits::rateOf(const QHostAddress &source)
{
    const auto found = perSource_.find(source);
    if (found != perSource_.end())
        return &found.value();
    if (perSource_.size() >= config_.maxTrackedSources) {
        // A bucket untouched for as long as it takes to refill is full: forgetting it changes
        // nothing.
        const auto refill =
            std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                config_.perSourceBurst / perSecond(config_.perSourcePerMinute)));
        const Clock::time_point now = Clock::now();
        perSource_.removeIf(
            [&](const auto &entry) { return now - entry.value().lastTaken >= refill; });
        if (perSource_.size() >= config_.maxTrackedSources)
            return nullptr;
    }
    return &perSource_
                .emplace(source,
                         SourceRate{TokenBucket(perSecond(config_.perSourcePerMinute),
                                                config_.perSourceBurst),
                                    Clock::now()})
                .value();
}

void RdpConnectionLimits::refused(const QHostAddress &address, protocol::CloseReason reason,
                                  const QString &detail)
{
    refusals_.refused(address, {reason, net::CloseInfo::Origin::Local, detail});
}

} // namespace baton::rdp
