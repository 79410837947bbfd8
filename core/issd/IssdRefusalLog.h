#pragma once

#include <QHostAddress>
#include <QMap>
#include <QString>
#include <QTimer>

#include <chrono>
#include <functional>

namespace baton::issd {

// Logs why the agent turned a peer away (refused, cut, failed AUTH) without letting an
// attack write a line per connection: the first refusal after a quiet interval is
// logged at once, later ones are counted by reason and summarised in at most one line
// per interval. Event-loop thread only.
class IssdRefusalLog {
public:
    using Sink = std::function<void(const QString &line)>;

    // The default sink is the baton.issd category at info level.
    explicit IssdRefusalLog(std::chrono::milliseconds interval, Sink sink = {});

    void note(const QString &reason, const QHostAddress &peer);
    // True while refusals are counted for a summary rather than logged at once.
    bool summarising() const { return timer_.isActive(); }

private:
    void summarise();

    Sink sink_;
    QTimer timer_;
    QMap<QString, int> counts_; // by reason, since the last line
    QHostAddress lastPeer_;
};

} // namespace baton::issd
