#pragma once

#include <QCoreApplication>
#include <QString>

#include <cstddef>
#include <cstdint>

namespace baton {
struct ViewerStats;
} // namespace baton

namespace baton::ui {

// Turns a viewer's running totals (ViewerStats, the connection's bytes) into what the
// viewer window shows each second: the update delay, frames per second and bandwidth
// over the interval since the previous sample.
class ViewerRateMeter {
    Q_DECLARE_TR_FUNCTIONS(ViewerRateMeter)
public:
    struct Rates {
        double delayMs = -1; // mean over the interval's frames; negative: no frame
        double framesPerSecond = 0;
        double bitsPerSecond = 0;
    };

    // The first sample after construction or reset() only sets the starting point.
    Rates sample(const ViewerStats &stats, qint64 bytesReceived, qint64 nowMs);
    // A new session: its totals start from zero again.
    void reset();

    // "Delay 12 ms · 30 fps · 1.4 Mbit/s"
    static QString describe(const Rates &rates);

private:
    bool started_ = false;
    qint64 lastMs_ = 0;
    qint64 lastBytes_ = 0;
    int64_t lastBatches_ = 0;
    std::size_t lastDelays_ = 0;
};

} // namespace baton::ui
