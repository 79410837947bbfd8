#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <cstdint>
#include <vector>

namespace baton::cli {

// Capture-to-apply delays from the timing logs of `baton-cli host --timing-log` and
// `baton-cli join --timing-log` (see FrameTimingLog): every frame the host captured
// between fromNs and toNs, paired with each viewer's apply of the same frame id. Frames a
// viewer never applied (it was caught up with a newer picture instead) do not count.
struct DelayFigures {
    double medianMs = -1;
    double p90Ms = -1;
    double p95Ms = -1;
    int samples = 0;
};

DelayFigures captureToApplyDelays(const QString &hostLog, const QStringList &viewerLogs,
                                  qint64 fromNs, qint64 toNs);
// How many frames the host published whose capture began between fromNs and toNs.
int framesPublished(const QString &hostLog, qint64 fromNs, qint64 toNs);
// How many frames a viewer applied between fromNs and toNs (its timing log).
int framesApplied(const QString &viewerLog, qint64 fromNs, qint64 toNs);

// One of the host's estimates of a viewer's path, from its "link" lines (host
// --timing-log, written at each of the viewer's acknowledgements); the video bitrate cap
// is the host's, the same for every viewer.
struct HostLinkSample {
    uint32_t viewer = 0;
    qint64 ns = 0;
    double rateKbps = 0;
    double minRttMs = 0;
    double queueMs = 0;
    double videoKbps = 0;
};

// The link lines between fromNs and toNs in time order; malformed lines are skipped.
std::vector<HostLinkSample> hostLinkSamples(const QString &hostLog, qint64 fromNs, qint64 toNs);

// One popup's time on screen: an override-redirect window (a menu, a tooltip) mapped on the
// host's root and unmapped again, on monotonicNowNs()'s clock; unmappedNs is 0 while it is up.
struct PopupShowing {
    uint32_t window = 0;
    qint64 mappedNs = 0;
    qint64 unmappedNs = 0;
};

// From each popup's mapping on the host to each viewer's apply (the same timing logs) of
//  shown   - the first frame whose capture began after the mapping. A capture starts with a
//            round trip to the X server, so the host has seen the map and the frame's
//            picture holds the popup's window, though maybe not yet all that its program
//            draws in it;
//  settled - the last frame captured while the popup was up: the viewer's picture as the
//            host's stood, the popup's drawing done (when the popup stays up long enough
//            for its program to finish).
// A viewer that never applied a frame of the showing (caught up past it, or left) adds no
// sample.
struct PopupDelays {
    DelayFigures shown;
    DelayFigures settled;
};

PopupDelays popupToApplyDelays(const QString &hostLog, const QStringList &viewerLogs,
                               const std::vector<PopupShowing> &showings);

} // namespace baton::cli
