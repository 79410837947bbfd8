#include "core/net/RefusalLog.h"

#include "core/common/SourceAddress.h"
#include "core/net/Logging.h"

#include <QStringList>

#include <algorithm>

namespace baton::net {

RefusalLog::RefusalLog(std::chrono::milliseconds interval)
{
    timer_.setSingleShot(true);
    timer_.setInterval(interval);
    QObject::connect(&timer_, &QTimer::timeout, [this] { summarise(); });
}

RefusalLog::~RefusalLog()
{
    summarise();
}

void RefusalLog::refused(const QHostAddress &address, const CloseInfo &info)
{
    if (!timer_.isActive()) {
        qCInfo(lcNet).noquote() << "viewer" << address.toString() << "not admitted:" << info.text();
        timer_.start();
        return;
    }
    ++counted_;
    ++byReason_[info.reason];
    // By source, as the limiters count: an IPv6 /64 is one attacker, not many.
    const QHostAddress source = sourceOf(address);
    if (bySource_.contains(source) || bySource_.size() < kMaxTrackedSources)
        ++bySource_[source];
}

void RefusalLog::summarise()
{
    if (counted_ == 0)
        return;
    QStringList reasons;
    for (const auto &[reason, count] : byReason_) {
        const std::string_view sentence = protocol::describe(reason);
        reasons << QStringLiteral("%1 × \"%2\"")
                       .arg(count)
                       .arg(QString::fromUtf8(sentence.data(), qsizetype(sentence.size())));
    }
    const auto busiest = std::max_element(bySource_.cbegin(), bySource_.cend());
    qCInfo(lcNet).noquote() << counted_ << "more connections not admitted in"
                            << timer_.interval() / 1000.0 << "s, most from"
                            << busiest.key().toString() << QStringLiteral("(%1):").arg(*busiest)
                            << reasons.join(QStringLiteral(", "));
    counted_ = 0;
    byReason_.clear();
    bySource_.clear();
    // Refusals go on being summarised until a whole interval passes without one.
    timer_.start();
}

} // namespace baton::net
