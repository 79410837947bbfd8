#pragma once

#include <QJsonObject>

#include <cstdint>
#include <vector>

namespace baton {

// What a viewer measures about its session, for `baton-cli join --stats` and the
// benchmarks. Times are in milliseconds on the viewer's monotonic clock.
struct ViewerStats {
    qint64 bytesReceived = 0;
    int64_t batchesApplied = 0;
    // From start() to the first complete picture presented; negative until then.
    double firstPictureMs = -1;
    // Per batch, from its FrameMarker Begin arriving to its End being presented:
    // transfer of the batch's bytes plus decoding and drawing it.
    std::vector<double> updateDelaysMs;

    double meanUpdateDelayMs() const;
    double percentileUpdateDelayMs(double percentile) const;
    QJsonObject toJson() const;
};

} // namespace baton
