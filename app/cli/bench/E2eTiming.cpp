#include "E2eTiming.h"

#include "core/common/Percentile.h"

#include <QFile>

#include <algorithm>
#include <limits>
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

DelayFigures figuresOf(const std::vector<double> &delaysMs)
{
    DelayFigures figures;
    figures.samples = int(delaysMs.size());
    figures.medianMs = nearestRankPercentile(delaysMs, 50);
    figures.p90Ms = nearestRankPercentile(delaysMs, 90);
    figures.p95Ms = nearestRankPercentile(delaysMs, 95);
    return figures;
}

} // namespace

int framesPublished(const QString &hostLog, qint64 fromNs, qint64 toNs)
{
    const auto captured = readLog(hostLog, "captured");
    return int(std::count_if(captured.begin(), captured.end(), [&](const auto &frame) {
        return frame.second >= fromNs && frame.second <= toNs;
    }));
}

std::vector<HostLinkSample> hostLinkSamples(const QString &hostLog, qint64 fromNs, qint64 toNs)
{
    std::vector<HostLinkSample> samples;
    QFile file(hostLog);
    if (!file.open(QIODevice::ReadOnly))
        return samples;
    while (!file.atEnd()) {
        const QList<QByteArray> fields = file.readLine().trimmed().split(' ');
        if (fields.size() < 3 || fields[0] != "link")
            continue;
        bool idOk = false;
        bool nsOk = false;
        HostLinkSample sample;
        sample.viewer = fields[1].toUInt(&idOk);
        sample.ns = fields[2].toLongLong(&nsOk);
        if (!idOk || !nsOk || sample.ns < fromNs || sample.ns > toNs)
            continue;
        const std::pair<QByteArray, double *> named[] = {{"rate_kbps", &sample.rateKbps},
                                                         {"min_rtt_ms", &sample.minRttMs},
                                                         {"queue_ms", &sample.queueMs},
                                                         {"video_kbps", &sample.videoKbps}};
        for (qsizetype i = 3; i < fields.size(); ++i) {
            const qsizetype equals = fields[i].indexOf('=');
            for (const auto &[key, value] : named) {
                if (equals > 0 && fields[i].left(equals) == key)
                    *value = fields[i].mid(equals + 1).toDouble();
            }
        }
        samples.push_back(sample);
    }
    std::sort(samples.begin(), samples.end(),
              [](const HostLinkSample &a, const HostLinkSample &b) { return a.ns < b.ns; });
    return samples;
}

int framesApplied(const QString &viewerLog, qint64 fromNs, qint64 toNs)
{
    const auto applied = readLog(viewerLog, "applied");
    return int(std::count_if(applied.begin(), applied.end(), [&](const auto &frame) {
        return frame.second >= fromNs && frame.second <= toNs;
    }));
}

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
    return figuresOf(delaysMs);
}

PopupDelays popupToApplyDelays(const QString &hostLog, const QStringList &viewerLogs,
                               const std::vector<PopupShowing> &showings)
{
    // The host's frames in capture order, so each showing's are one range.
    std::vector<std::pair<qint64, uint32_t>> captures;
    for (const auto &[frameId, capturedNs] : readLog(hostLog, "captured"))
        captures.emplace_back(capturedNs, frameId);
    std::sort(captures.begin(), captures.end());
    std::vector<double> shownMs;
    std::vector<double> settledMs;
    for (const QString &viewerLog : viewerLogs) {
        const auto applied = readLog(viewerLog, "applied");
        for (const PopupShowing &showing : showings) {
            const qint64 endNs =
                showing.unmappedNs > 0 ? showing.unmappedNs : std::numeric_limits<qint64>::max();
            const auto from = std::lower_bound(captures.begin(), captures.end(),
                                               std::pair{showing.mappedNs, uint32_t(0)});
            const auto to = std::lower_bound(from, captures.end(), std::pair{endNs, uint32_t(0)});
            qint64 firstNs = -1;
            qint64 lastNs = -1;
            for (auto capture = from; capture != to; ++capture) {
                const auto apply = applied.find(capture->second);
                if (apply == applied.end())
                    continue;
                if (firstNs < 0)
                    firstNs = apply->second;
                lastNs = std::max(lastNs, apply->second);
            }
            if (firstNs < 0)
                continue;
            shownMs.push_back(double(firstNs - showing.mappedNs) / 1e6);
            settledMs.push_back(double(lastNs - showing.mappedNs) / 1e6);
        }
    }
    return {figuresOf(shownMs), figuresOf(settledMs)};
}

} // namespace baton::cli
