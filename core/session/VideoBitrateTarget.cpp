#include "core/session/VideoBitrateTarget.h"

#include <algorithm>

namespace baton {
namespace {

// The video's share of the slowest path counted: the rest carries the lossless tiles
// around it, the pointer and the protocol's own bytes.
constexpr double kVideoShare = 0.8;
// A path slower than the median by more than this is an outlier.
constexpr int64_t kOutlierRatio = 4;

} // namespace

int videoBitrateKbps(std::vector<PathRate> paths, int floorKbps, int ceilingKbps)
{
    ceilingKbps = std::max(floorKbps, ceilingKbps);
    // A path without a proved limit carried the video at whatever cap it had: reckon it
    // able to carry well above the ceiling.
    const int64_t unlimited = 2 * int64_t(ceilingKbps) * 1000 / 8;
    for (PathRate &path : paths)
        if (!path.provedLimit)
            path.bytesPerSecond = std::max(path.bytesPerSecond, unlimited);
    if (paths.empty())
        return ceilingKbps;
    std::sort(paths.begin(), paths.end(), [](const PathRate &a, const PathRate &b) {
        return a.bytesPerSecond < b.bytesPerSecond;
    });
    const int64_t median = paths[paths.size() / 2].bytesPerSecond;
    const auto slowest = std::find_if(paths.begin(), paths.end(), [&](const PathRate &path) {
        return path.bytesPerSecond * kOutlierRatio >= median;
    });
    if (!slowest->provedLimit)
        return ceilingKbps;
    const double kbps = double(slowest->bytesPerSecond) * 8.0 / 1000.0 * kVideoShare;
    return int(std::clamp(kbps, double(floorKbps), double(ceilingKbps)));
}

int nextVideoBitrateKbps(int currentKbps, int targetKbps, std::chrono::milliseconds sinceRaise)
{
    if (targetKbps <= currentKbps)
        return targetKbps;
    if (sinceRaise < kVideoBitrateRaiseInterval)
        return currentKbps;
    return std::min(targetKbps, currentKbps + std::max(1, currentKbps / 4));
}

} // namespace baton
