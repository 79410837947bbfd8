#include "ViewerStats.h"

#include "core/common/Percentile.h"

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
    return updateDelaysMs.empty() ? 0 : nearestRankPercentile(updateDelaysMs, percentile);
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
