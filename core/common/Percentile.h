#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace baton {

// The nearest-rank percentile: the smallest sample with at least percent % of the
// samples at or below it; -1 when there are none (statistics that are never negative).
inline double nearestRankPercentile(std::vector<double> samples, double percent)
{
    if (samples.empty())
        return -1;
    std::sort(samples.begin(), samples.end());
    const double rank = std::ceil(percent / 100.0 * double(samples.size()));
    return samples[std::clamp<std::size_t>(std::size_t(std::max(rank, 1.0)) - 1, 0,
                                           samples.size() - 1)];
}

} // namespace baton
