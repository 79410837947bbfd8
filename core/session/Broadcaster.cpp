#include "core/session/Broadcaster.h"

#include "core/protocol/CloseReason.h"

#include <algorithm>

namespace baton {

Broadcaster::Broadcaster(Limits limits) : limits_(limits)
{
}

void Broadcaster::addViewer(ViewerId viewer, net::Connection *connection, const Rect &windowRect,
                            std::vector<uint8_t> codecIds)
{
    Viewer &entry = viewers_[viewer];
    entry = Viewer{};
    entry.link = LinkEstimator(limits_.link);
    entry.connection = connection;
    entry.codecIds = std::move(codecIds);
    entry.missed = Region(windowRect);
}

void Broadcaster::removeViewer(ViewerId viewer)
{
    viewers_.erase(viewer);
}

bool Broadcaster::decodes(const Viewer &viewer, uint8_t codecId)
{
    return viewer.codecIds.empty() ||
        std::find(viewer.codecIds.begin(), viewer.codecIds.end(), codecId) != viewer.codecIds.end();
}

bool Broadcaster::anyViewerLacks(uint8_t codecId) const
{
    return std::any_of(viewers_.begin(), viewers_.end(), [codecId](const auto &entry) {
        return !entry.second.lagging && !decodes(entry.second, codecId);
    });
}

qint64 Broadcaster::windowBytes(const Viewer &viewer) const
{
    const qint64 measured = viewer.link.windowBytes().value_or(limits_.maxUnackedBytes);
    return std::clamp(measured, limits_.minUnackedBytes,
                      std::max(limits_.minUnackedBytes, limits_.maxUnackedBytes));
}

bool Broadcaster::hasRoom(const Viewer &viewer) const
{
    // A window with room takes one more batch, however large: nothing starves, and a key
    // frame a little larger than the room left does not cost a viewer its place in the
    // video (a lossless catch-up, then another key frame). The queue overshoots the
    // target by at most that batch.
    return viewer.unacked.empty() ||
        (static_cast<int>(viewer.unacked.size()) < limits_.maxUnackedBatches &&
         viewer.unackedBytes < windowBytes(viewer));
}

bool Broadcaster::send(Viewer &viewer, const UpdateBatchPtr &batch, Clock::time_point now)
{
    if (!viewer.connection || !viewer.connection->sendFrames(batch->frames))
        return false;
    if (viewer.unacked.empty())
        viewer.lastProgress = now;
    viewer.unacked.push_back({batch->frameId, batch->bytes, now,
                              viewer.link.sent(batch->bytes, viewer.unackedBytes, now)});
    viewer.unackedBytes += batch->bytes;
    viewer.stats.bytesSent += batch->bytes;
    ++viewer.stats.batchesSent;
    return true;
}

void Broadcaster::publish(const UpdateBatchPtr &batch, Clock::time_point now,
                          const std::optional<TileVariant> &variant)
{
    for (auto &[id, viewer] : viewers_) {
        const bool tiles = variant && !decodes(viewer, variant->codecId);
        const UpdateBatchPtr &mine = tiles ? variant->batch : batch;
        if (!viewer.lagging && hasRoom(viewer) && send(viewer, mine, now)) {
            if (!viewer.liveSince)
                viewer.liveSince = batch->frameId;
            if (tiles)
                ++viewer.stats.tileVariants;
            continue;
        }
        viewer.lagging = true;
        viewer.missed |= batch->region;
        ++viewer.stats.batchesMissed;
    }
}

void Broadcaster::invalidateAll(const Rect &windowRect)
{
    for (auto &[id, viewer] : viewers_) {
        viewer.lagging = true;
        viewer.missed = Region(windowRect);
    }
}

void Broadcaster::acknowledge(ViewerId viewer, uint32_t frameId, Clock::time_point now,
                              std::chrono::milliseconds held)
{
    const auto found = viewers_.find(viewer);
    if (found == viewers_.end())
        return;
    Viewer &entry = found->second;
    // Frame ids increase by one per batch; acknowledging N covers everything up to N.
    std::optional<Sent> newest;
    qint64 ackedBytes = 0;
    while (!entry.unacked.empty() &&
           static_cast<int32_t>(frameId - entry.unacked.front().frameId) >= 0) {
        newest = entry.unacked.front();
        ackedBytes += entry.unacked.front().bytes;
        entry.unackedBytes -= entry.unacked.front().bytes;
        entry.stats.bytesAcked += entry.unacked.front().bytes;
        entry.unacked.pop_front();
    }
    if (!newest)
        return;
    // held is how long the viewer sat on the acknowledgement of that newest batch.
    entry.stats.lastRoundTrip =
        std::max(std::chrono::milliseconds{0},
                 std::chrono::duration_cast<std::chrono::milliseconds>(now - newest->at) - held);
    entry.link.acknowledged(newest->stamp, ackedBytes, now, held);
    entry.lastProgress = now;
}

std::vector<Broadcaster::CatchUp> Broadcaster::catchUps() const
{
    std::vector<CatchUp> groups;
    for (const auto &[id, viewer] : viewers_) {
        if (!viewer.lagging || !viewer.unacked.empty() || !viewer.connection)
            continue;
        const Region &missed = viewer.missed;
        auto group = std::find_if(groups.begin(), groups.end(),
                                  [&](const CatchUp &g) { return g.region == missed; });
        if (group == groups.end())
            groups.push_back({missed, {id}});
        else
            group->viewers.push_back(id);
    }
    return groups;
}

void Broadcaster::deliverCatchUp(const std::vector<ViewerId> &viewers, const UpdateBatchPtr &batch,
                                 Clock::time_point now)
{
    for (const ViewerId id : viewers) {
        const auto found = viewers_.find(id);
        if (found == viewers_.end())
            continue;
        Viewer &viewer = found->second;
        if (!send(viewer, batch, now))
            continue; // still no room in the socket: stays Lagging, asks again later
        viewer.lagging = false;
        viewer.missed.clear();
        viewer.liveSince.reset();
        ++viewer.stats.catchUps;
    }
}

void Broadcaster::closeStalled(Clock::time_point now)
{
    for (auto &[id, viewer] : viewers_) {
        if (viewer.unacked.empty() || now - viewer.lastProgress < limits_.stallTimeout)
            continue;
        if (viewer.connection)
            viewer.connection->close(protocol::CloseReason::Timeout,
                                     QStringLiteral("the viewer stopped reading updates"));
        viewer.connection = nullptr;
    }
}

uint32_t Broadcaster::cacheUsableFrom(uint32_t nextFrameId) const
{
    uint32_t from = 0;
    for (const auto &[id, viewer] : viewers_)
        if (!viewer.lagging)
            from = std::max(from, viewer.liveSince.value_or(nextFrameId));
    return from;
}

bool Broadcaster::isLagging(ViewerId viewer) const
{
    const auto found = viewers_.find(viewer);
    return found != viewers_.end() && found->second.lagging;
}

Broadcaster::ViewerStats Broadcaster::stats(ViewerId viewer) const
{
    const auto found = viewers_.find(viewer);
    return found == viewers_.end() ? ViewerStats{} : found->second.stats;
}

Broadcaster::LinkStats Broadcaster::link(ViewerId viewer) const
{
    const auto found = viewers_.find(viewer);
    if (found == viewers_.end())
        return {};
    const Viewer &entry = found->second;
    const auto ms = [](Clock::duration duration) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(duration);
    };
    LinkStats link;
    link.deliveryRateBytesPerSecond = entry.link.deliveryRateBytesPerSecond().value_or(0);
    link.minRoundTrip = ms(entry.link.minRoundTrip().value_or(Clock::duration{}));
    link.queueDelay = ms(entry.link.queueDelay());
    link.windowBytes = windowBytes(entry);
    link.unackedBytes = entry.unackedBytes;
    link.batchesSent = entry.stats.batchesSent - entry.stats.catchUps;
    link.batchesMissed = entry.stats.batchesMissed;
    link.catchUps = entry.stats.catchUps;
    return link;
}

std::vector<PathRate> Broadcaster::pathRates() const
{
    std::vector<PathRate> paths;
    for (const auto &[id, viewer] : viewers_)
        if (const auto rate = viewer.link.deliveryRateBytesPerSecond(); rate && viewer.connection)
            paths.push_back({*rate, viewer.link.provedLimit()});
    return paths;
}

qint64 Broadcaster::unackedBytes() const
{
    qint64 total = 0;
    for (const auto &[id, viewer] : viewers_)
        total += viewer.unackedBytes;
    return total;
}

} // namespace baton
