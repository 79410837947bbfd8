#include "FrameTimingLog.h"

#include "core/common/MonotonicClock.h"

namespace baton::cli {

bool FrameTimingLog::open(const QString &path, QString *error)
{
    file_.setFileName(path);
    if (file_.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered))
        return true;
    *error = QStringLiteral("cannot write %1: %2").arg(path, file_.errorString());
    return false;
}

void FrameTimingLog::write(const char *event, uint32_t frameId, qint64 ns)
{
    if (!file_.isOpen())
        return;
    // Unbuffered and one write per line: a reader sees whole lines even if the process is
    // killed.
    file_.write(QByteArray(event) + ' ' + QByteArray::number(frameId) + ' ' +
                QByteArray::number(ns) + '\n');
}

void FrameTimingLog::writeNow(const char *event, uint32_t id, const QByteArray &fields)
{
    if (!file_.isOpen())
        return;
    file_.write(QByteArray(event) + ' ' + QByteArray::number(id) + ' ' +
                QByteArray::number(monotonicNowNs()) + ' ' + fields + '\n');
}

} // namespace baton::cli
