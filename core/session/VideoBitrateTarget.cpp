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

int videoBitrateKbps(std::vector<int64_t> ratesBytesPerSecond, int floorKbps, int ceilingKbps)
{
    ceilingKbps = std::max(floorKbps, ceilingKbps);
    if (ratesBytesPerSecond.empty())
        return ceilingKbps;
    std::sort(ratesBytesPerSecond.begin(), ratesBytesPerSecond.end());
    const int64_t median = ratesBytesPerSecond[ratesBytesPerSecond.size() / 2];
    const auto slowest = std::find_if(ratesBytesPerSecond.begin(), ratesBytesPerSecond.end(),
                                      [&](int64_t rate) { return rate * kOutlierRatio >= median; });
    const double kbps = double(*slowest) * 8.0 / 1000.0 * kVideoShare;
    return int(std::clamp(kbps, double(floorKbps), double(ceilingKbps)));
}

} // namespace baton
