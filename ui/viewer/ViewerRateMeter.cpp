#include "ViewerRateMeter.h"

#include "core/viewer/ViewerStats.h"

#include <numeric>

namespace baton::ui {

ViewerRateMeter::Rates ViewerRateMeter::sample(const ViewerStats &stats, qint64 bytesReceived,
                                               qint64 nowMs)
{
    Rates rates;
    const std::size_t delays = stats.updateDelaysMs.size();
    if (started_ && nowMs > lastMs_) {
        const double seconds = double(nowMs - lastMs_) / 1000.0;
        rates.framesPerSecond = double(stats.batchesApplied - lastBatches_) / seconds;
        rates.bitsPerSecond = double(bytesReceived - lastBytes_) * 8.0 / seconds;
        if (delays > lastDelays_) {
            const auto first = stats.updateDelaysMs.begin() + std::ptrdiff_t(lastDelays_);
            rates.delayMs = std::accumulate(first, stats.updateDelaysMs.end(), 0.0) /
                double(delays - lastDelays_);
        }
    }
    started_ = true;
    lastMs_ = nowMs;
    lastBytes_ = bytesReceived;
    lastBatches_ = stats.batchesApplied;
    lastDelays_ = delays;
    return rates;
}

void ViewerRateMeter::reset()
{
    *this = ViewerRateMeter();
}

QString ViewerRateMeter::describe(const Rates &rates)
{
    const QString delay =
        rates.delayMs < 0 ? tr("Delay —") : tr("Delay %1 ms").arg(qRound(rates.delayMs));
    const QString fps = tr("%1 fps").arg(qRound(rates.framesPerSecond));
    const QString bandwidth = rates.bitsPerSecond >= 1e6
        ? tr("%1 Mbit/s").arg(rates.bitsPerSecond / 1e6, 0, 'f', 1)
        : tr("%1 kbit/s").arg(qRound(rates.bitsPerSecond / 1e3));
    return tr("%1 · %2 · %3", "delay · frame rate · bandwidth").arg(delay, fps, bandwidth);
}

} // namespace baton::ui
