#include "core/issd/IssdRefusalLog.h"

#include "core/issd/Logging.h"

#include <QStringList>

namespace baton::issd {

IssdRefusalLog::IssdRefusalLog(std::chrono::milliseconds interval, Sink sink)
    : sink_(std::move(sink))
{
    if (!sink_)
        sink_ = [](const QString &line) { qCInfo(lcIssd).noquote() << line; };
    timer_.setInterval(interval);
    QObject::connect(&timer_, &QTimer::timeout, [this] { summarise(); });
}

void IssdRefusalLog::note(const QString &reason, const QHostAddress &peer)
{
    if (!timer_.isActive()) {
        sink_(QStringLiteral("%1 %2").arg(peer.toString(), reason));
        timer_.start();
        return;
    }
    ++counts_[reason];
    lastPeer_ = peer;
}

void IssdRefusalLog::summarise()
{
    if (counts_.isEmpty()) {
        timer_.stop(); // quiet: the next refusal is logged at once again
        return;
    }
    int total = 0;
    QStringList reasons;
    for (auto it = counts_.cbegin(); it != counts_.cend(); ++it) {
        total += it.value();
        reasons.append(QStringLiteral("%1 x%2").arg(it.key()).arg(it.value()));
    }
    sink_(QStringLiteral("%1 more refusal(s) in the last %2 s: %3; the last from %4")
              .arg(total)
              .arg(timer_.interval() / 1000.0)
              .arg(reasons.join(QStringLiteral(", ")), lastPeer_.toString()));
    counts_.clear();
}

} // namespace baton::issd
