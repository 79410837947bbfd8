#include "E2eTiming.h"

#include "core/common/Percentile.h"

#include <QFile>

#include <unordered_map>
#include <vector>

namespace baton::cli {
namespace {

// frame id -> ns of the lines whose event matches; malformed lines are skipped.
std::unordered_map<uint32_t, qint64> readLog(const QString &path, const QByteArray &event)
{
    std::unordered_map<uint32_t, qint64> times;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return times;
    while (!file.atEnd()) {
        const QList<QByteArray> fields = file.readLine().trimmed().split(' ');
        if (fields.size() != 3 || fields[0] != event)
            continue;
        bool idOk = false;
        bool nsOk = false;
        const uint32_t frameId = fields[1].toUInt(&idOk);
        const qint64 ns = fields[2].toLongLong(&nsOk);
        if (idOk && nsOk)
            times.emplace(frameId, ns); // the first apply of a frame is the one that counts
    }
    return times;
}

} // namespace

DelayFigures captureToApplyDelays(const QString &hostLog, const QStringList &viewerLogs,
                                  qint64 fromNs, qint64 toNs)
{
    const auto captured = readLog(hostLog, "captured");
    std::vector<double> delaysMs;
    for (const QString &viewerLog : viewerLogs) {
        for (const auto &[frameId, appliedNs] : readLog(viewerLog, "applied")) {
            const auto capture = captured.find(frameId);
            if (capture == captured.end() || capture->second < fromNs || capture->second > toNs ||
                appliedNs < capture->second)
                continue;
            delaysMs.push_back(double(appliedNs - capture->second) / 1e6);
        }
    }
    DelayFigures figures;
    figures.samples = int(delaysMs.size());
    figures.medianMs = nearestRankPercentile(delaysMs, 50);
    figures.p90Ms = nearestRankPercentile(delaysMs, 90);
    return figures;
}

} // namespace baton::cli
