#pragma once

#include <QObject>
#include <QTimer>

namespace baton {

// Gives the memory the C library holds free back to the system. After a burst of
// short-lived connections their freed blocks stay in the allocator's heaps, scattered
// between live ones, and the process keeps the burst's peak: 15 MB more resident after
// 40 s of 200 idle connections (tst_hostsoak). Returns false where the C library has no
// way (then nothing happens). Costs a walk of the heaps: call it after bursts, not per
// allocation.
bool returnFreedMemory();

// Calls returnFreedMemory() once a burst of releases is over: when quietMs have passed
// since the last noteReleased(), or at the latest maxDelayMs after the first one of a burst
// that goes on (a long attack).
class FreedMemoryReturner : public QObject {
    Q_OBJECT
public:
    FreedMemoryReturner(int quietMs, int maxDelayMs, QObject *parent = nullptr);

    void noteReleased();
    // How many times it returned memory (tests).
    int returns() const { return returns_; }

private:
    void returnNow();

    QTimer quiet_;
    QTimer deadline_;
    int returns_ = 0;
};

} // namespace baton
