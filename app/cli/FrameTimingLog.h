#pragma once

#include <QFile>
#include <QString>

#include <cstdint>

namespace baton::cli {

// `--timing-log FILE`: one line per frame, "<event> <frameId> <ns>", where ns is
// monotonicNowNs() (one clock for the whole machine). The host writes "captured" lines
// (when the capture a batch shows began), viewers write "applied" lines; the end-to-end
// benchmark pairs them by frame id for the capture-to-apply delay. The host also writes
// "link <viewer> <ns> rate_kbps=… min_rtt_ms=… queue_ms=… unacked_bytes=… window_bytes=…
// video_kbps=…" at each of a viewer's acknowledgements: its path as the host estimates it.
class FrameTimingLog {
public:
    // False with the reason when FILE cannot be written.
    bool open(const QString &path, QString *error);
    bool isOpen() const { return file_.isOpen(); }
    void write(const char *event, uint32_t frameId, qint64 ns);
    // "<event> <id> <now> <fields>", now on the same clock.
    void writeNow(const char *event, uint32_t id, const QByteArray &fields);

private:
    QFile file_;
};

} // namespace baton::cli
