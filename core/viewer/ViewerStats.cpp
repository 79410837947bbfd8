#include "ViewerStats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace baton {

double ViewerStats::meanUpdateDelayMs() const
{
    if (updateDelaysMs.empty())
        return 0;
    return std::accumulate(updateDelaysMs.begin(), updateDelaysMs.end(), 0.0) /
        double(updateDelaysMs.size());
}

double ViewerStats::percentileUpdateDelayMs(double percentile) const
{
    if (updateDelaysMs.empty())
        return 0;
    std::vector<double> sorted = updateDelaysMs;
    std::sort(sorted.begin(), sorted.end());
    // Nearest rank: the smallest value with at least percentile % of the samples at or below it.
    const double rank = std::ceil(percentile / 100.0 * double(sorted.size()));
    const auto index = std::clamp<std::size_t>(std::size_t(std::max(rank, 1.0)) - 1, 0, sorted.size() - 1);
    return sorted[index];
}

QJsonObject ViewerStats::toJson() const
{
    QJsonObject json;
    json[QStringLiteral("bytes_received")] = double(bytesReceived);
    json[QStringLiteral("batches_applied")] = double(batchesApplied);
    json[QStringLiteral("first_picture_ms")] = firstPictureMs;
    json[QStringLiteral("update_delay_mean_ms")] = meanUpdateDelayMs();
    json[QStringLiteral("update_delay_p90_ms")] = percentileUpdateDelayMs(90);
    json[QStringLiteral("update_delay_samples")] = double(updateDelaysMs.size());
    return json;
}

} // namespace baton
