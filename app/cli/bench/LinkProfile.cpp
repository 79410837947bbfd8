#include "LinkProfile.h"

#include <QRegularExpression>

#include <cmath>

namespace baton::cli {
namespace {

// Buffer in front of the bottleneck where a profile does not say: a few hundred
// milliseconds, what home routers and modems commonly queue.
constexpr int kDefaultBufferMs = 200;
constexpr int kMaxRateKbit = 10'000'000;
constexpr int kMaxMs = 10'000;

// "75ms", "1s" or "1.5s" in milliseconds; -1 when it is neither.
int milliseconds(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+(?:\\.\\d+)?)(ms|s)$"));
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return -1;
    const double value =
        match.captured(1).toDouble() * (match.captured(2) == QLatin1String("s") ? 1000 : 1);
    return value <= kMaxMs ? int(std::lround(value)) : -1;
}

// "2mbit", "512kbit" in kbit/s; -1 when it is neither.
int kilobits(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+(?:\\.\\d+)?)(kbit|mbit)$"));
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return -1;
    const double value =
        match.captured(1).toDouble() * (match.captured(2) == QLatin1String("mbit") ? 1000 : 1);
    return value >= 8 && value <= kMaxRateKbit ? int(std::lround(value)) : -1;
}

} // namespace

const char *linkLossRefusal()
{
    return "link loss is not emulated: the relay ends each TCP connection, so a dropped "
           "segment would be sent again across the relay's loopback round trip instead of the "
           "link's, and every system would look better than on a lossy link (and netem, which "
           "could drop packets end to end, is not in this kernel); give 0% or leave LOSS out";
}

std::optional<int> parseLinkRateKbit(const QString &rate)
{
    const int kbit = kilobits(rate);
    return kbit > 0 ? std::optional<int>(kbit) : std::nullopt;
}

std::optional<LinkProfile> parseLinkProfile(const QString &name, QString *error)
{
    if (name == QLatin1String("lan"))
        return LinkProfile{name, 0, 0, 0, 0};
    // Wi-Fi's airtime contention shows as a few milliseconds of jitter.
    if (name == QLatin1String("wifi"))
        return LinkProfile{name, 20'000, 10, 5, kDefaultBufferMs};
    if (name == QLatin1String("dsl"))
        return LinkProfile{name, 2'000, 75, 0, kDefaultBufferMs};
    if (name == QLatin1String("far"))
        return LinkProfile{name, 1'000, 150, 0, 1'000};
    const QStringList parts = name.split(QLatin1Char('/'));
    LinkProfile profile{name, -1, -1, 0, kDefaultBufferMs};
    if (parts.size() >= 2 && parts.size() <= 4) {
        profile.rateKbit = kilobits(parts[0]);
        const QStringList delay = parts[1].split(QLatin1Char('~'));
        profile.delayMs = milliseconds(delay[0]);
        if (delay.size() == 2)
            profile.jitterMs = milliseconds(delay[1]);
        if (delay.size() > 2)
            profile.jitterMs = -1;
        if (parts.size() == 4)
            profile.bufferMs = milliseconds(parts[3]);
    }
    if (profile.rateKbit < 0 || profile.delayMs < 0 || profile.jitterMs < 0 ||
        profile.bufferMs < 1) {
        *error = QStringLiteral("bad link '%1': lan, wifi, dsl, far or RATE/DELAY[/LOSS[/BUFFER]] "
                                "such as 2mbit/75ms or 1mbit/150ms~20ms/0%/1s")
                     .arg(name);
        return std::nullopt;
    }
    if (parts.size() >= 3) {
        static const QRegularExpression zero(QStringLiteral("^0+(?:\\.0+)?%$"));
        static const QRegularExpression percent(QStringLiteral("^\\d+(?:\\.\\d+)?%$"));
        if (!zero.match(parts[2]).hasMatch()) {
            *error = percent.match(parts[2]).hasMatch()
                ? QString::fromLatin1(linkLossRefusal())
                : QStringLiteral("bad link loss '%1' in '%2'").arg(parts[2], name);
            return std::nullopt;
        }
    }
    return profile;
}

} // namespace baton::cli
