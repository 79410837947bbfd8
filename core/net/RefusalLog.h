#pragma once

#include "core/net/CloseInfo.h"

#include <QHash>
#include <QHostAddress>
#include <QTimer>

#include <chrono>
#include <map>

namespace baton::net {

// Logs the connections a host refuses without letting a flood of them fill the log: the
// first refusal after a quiet interval gets its own line; those that follow within the
// interval are counted and summarised in one line when it ends (how many, for which
// reasons, the busiest source). Logs to baton.net at info level; event loop only.
class RefusalLog {
public:
    explicit RefusalLog(std::chrono::milliseconds interval = std::chrono::seconds(5));
    // Writes the summary of what is still counted.
    ~RefusalLog();

    void refused(const QHostAddress &address, const CloseInfo &info);

    // Refusals counted since the last line (for tests).
    int counted() const { return counted_; }
    // True while refusals are counted for a summary rather than logged at once (for tests).
    bool summarising() const { return timer_.isActive(); }

private:
    void summarise();

    // Sources counted one by one, so that a flood from many cannot grow the table; the
    // rest still count in the total.
    static constexpr int kMaxTrackedSources = 1024;

    QTimer timer_;
    int counted_ = 0;
    std::map<protocol::CloseReason, int> byReason_;
    QHash<QHostAddress, int> bySource_;
};

} // namespace baton::net
