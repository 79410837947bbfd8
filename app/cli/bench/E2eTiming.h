#pragma once

#include <QString>
#include <QStringList>

namespace baton::cli {

// Capture-to-apply delays from the timing logs of `baton-cli host --timing-log` and
// `baton-cli join --timing-log` (see FrameTimingLog): every frame the host captured
// between fromNs and toNs, paired with each viewer's apply of the same frame id. Frames a
// viewer never applied (it was caught up with a newer picture instead) do not count.
struct DelayFigures {
    double medianMs = -1;
    double p90Ms = -1;
    int samples = 0;
};

DelayFigures captureToApplyDelays(const QString &hostLog, const QStringList &viewerLogs,
                                  qint64 fromNs, qint64 toNs);

} // namespace baton::cli
