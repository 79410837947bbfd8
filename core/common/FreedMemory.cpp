#include "core/common/FreedMemory.h"

namespace baton {

FreedMemoryReturner::FreedMemoryReturner(int quietMs, int maxDelayMs, QObject *parent)
    : QObject(parent)
{
    quiet_.setSingleShot(true);
    quiet_.setInterval(quietMs);
    deadline_.setSingleShot(true);
    deadline_.setInterval(maxDelayMs);
    connect(&quiet_, &QTimer::timeout, this, &FreedMemoryReturner::returnNow);
    connect(&deadline_, &QTimer::timeout, this, &FreedMemoryReturner::returnNow);
}

void FreedMemoryReturner::noteReleased()
{
    quiet_.start();
    if (!deadline_.isActive())
        deadline_.start();
}

void FreedMemoryReturner::returnNow()
{
    quiet_.stop();
    deadline_.stop();
    returnFreedMemory();
    ++returns_;
}

} // namespace baton
