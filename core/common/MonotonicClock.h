#pragma once

#include <QDeadlineTimer>

namespace baton {

// Nanoseconds on the system's monotonic clock (CLOCK_MONOTONIC on Linux): one clock for
// every process of a machine, so a host's capture time and a viewer's apply time on the
// same machine can be subtracted (the end-to-end benchmark does).
inline qint64 monotonicNowNs()
{
    return QDeadlineTimer::current(Qt::PreciseTimer).deadlineNSecs();
}

} // namespace baton
