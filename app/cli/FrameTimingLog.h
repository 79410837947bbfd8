#pragma once

#include <QFile>
#include <QString>

#include <cstdint>

namespace baton::cli {

// `--timing-log FILE`: one line per frame, "<event> <frameId> <ns>", where ns is
// monotonicNowNs() (one clock for the whole machine). The host writes "captured" lines
// (when the capture a batch shows began), viewers write "applied" lines; the end-to-end
// benchmark pairs them by frame id for the capture-to-apply delay.
class FrameTimingLog {
public:
    // False with the reason when FILE cannot be written.
    bool open(const QString &path, QString *error);
    bool isOpen() const { return file_.isOpen(); }
    void write(const char *event, uint32_t frameId, qint64 ns);

private:
    QFile file_;
};

} // namespace baton::cli
