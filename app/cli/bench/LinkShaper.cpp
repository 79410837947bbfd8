#include "LinkShaper.h"

#include <QProcess>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sched.h>

namespace baton::cli {
namespace {

constexpr int kCommandMs = 10000;
constexpr int kMtu = 1500;
// A packet on lo as tbf counts it: the MTU and the 14-byte Ethernet header lo keeps.
constexpr int kFrameBytes = kMtu + 14;
constexpr int kMaxLinks = 250;

// Runs PROGRAM ARGS to its end; false with its error output.
bool execute(const QString &program, const QStringList &args, QString *error)
{
    QProcess process;
    process.start(program, args);
    if (process.waitForFinished(kCommandMs) && process.exitStatus() == QProcess::NormalExit &&
        process.exitCode() == 0)
        return true;
    *error = QStringLiteral("%1 %2: %3")
                 .arg(program, args.join(QLatin1Char(' ')),
                      process.error() == QProcess::FailedToStart
                          ? process.errorString()
                          : QString::fromLocal8Bit(process.readAllStandardError()).trimmed());
    return false;
}

// The htb class (and tbf handle) of link N's server-to-viewer and viewer-to-server
// directions.
int serverToViewerClass(int link)
{
    return 2 * link + 0x10;
}

int viewerToServerClass(int link)
{
    return 2 * link + 0x11;
}

QString hex(int value)
{
    return QString::number(value, 16);
}

} // namespace

bool LinkShaper::enterPrivateNetwork(QString *error)
{
    if (::unshare(CLONE_NEWNET) != 0) {
        // Root of a user namespace would do for tc, but not for xterm, which cannot give
        // its terminal to the tty group there.
        *error = QStringLiteral("cannot make a network namespace (%1): --link runs as root")
                     .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    return execute(QStringLiteral("ip"),
                   {QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"),
                    QStringLiteral("up"), QStringLiteral("mtu"), QString::number(kMtu)},
                   error);
}

QHostAddress LinkShaper::viewerSide(int link)
{
    return QHostAddress(QStringLiteral("127.0.1.%1").arg(link));
}

QHostAddress LinkShaper::serverSide(int link)
{
    return QHostAddress(QStringLiteral("127.0.2.%1").arg(link));
}

bool LinkShaper::start(QString *error)
{
    return execute(QStringLiteral("tc"),
                   {QStringLiteral("qdisc"), QStringLiteral("add"), QStringLiteral("dev"),
                    QStringLiteral("lo"), QStringLiteral("root"), QStringLiteral("handle"),
                    QStringLiteral("1:"), QStringLiteral("htb")},
                   error);
}

bool LinkShaper::addLink(int link, const LinkProfile &profile, QString *error)
{
    if (link < 1 || link > kMaxLinks) {
        *error = QStringLiteral("at most %1 links").arg(kMaxLinks);
        return false;
    }
    if (!profile.shaped())
        return true;
    const std::pair<int, QHostAddress> directions[] = {
        {serverToViewerClass(link), serverSide(link)},
        {viewerToServerClass(link), viewerSide(link)}};
    for (const auto &[minor, destination] : directions) {
        const QString classId = QStringLiteral("1:") + hex(minor);
        if (!execute(QStringLiteral("tc"),
                     {QStringLiteral("class"), QStringLiteral("add"), QStringLiteral("dev"),
                      QStringLiteral("lo"), QStringLiteral("parent"), QStringLiteral("1:"),
                      QStringLiteral("classid"), classId, QStringLiteral("htb"),
                      QStringLiteral("rate"), QStringLiteral("10gbit")},
                     error) ||
            !tbf("add", minor, profile.rateKbit, profile.bufferMs, error) ||
            !execute(QStringLiteral("tc"),
                     {QStringLiteral("filter"), QStringLiteral("add"), QStringLiteral("dev"),
                      QStringLiteral("lo"), QStringLiteral("parent"), QStringLiteral("1:"),
                      QStringLiteral("protocol"), QStringLiteral("ip"), QStringLiteral("prio"),
                      QStringLiteral("1"), QStringLiteral("u32"), QStringLiteral("match"),
                      QStringLiteral("ip"), QStringLiteral("dst"),
                      destination.toString() + QStringLiteral("/32"), QStringLiteral("flowid"),
                      classId},
                     error))
            return false;
    }
    return true;
}

bool LinkShaper::changeRate(int link, int rateKbit, int bufferMs, QString *error)
{
    return tbf("change", serverToViewerClass(link), rateKbit, bufferMs, error) &&
        tbf("change", viewerToServerClass(link), rateKbit, bufferMs, error);
}

bool LinkShaper::tbf(const char *verb, int classMinor, int rateKbit, int bufferMs, QString *error)
{
    // The bucket holds two packets, or 4 ms at the rate where that is more: small enough
    // that a burst through it is short beside the link's delay.
    const int burstBytes = std::max(2 * kFrameBytes, rateKbit * 1000 / 8 * 4 / 1000);
    return execute(QStringLiteral("tc"),
                   {QStringLiteral("qdisc"), QString::fromLatin1(verb), QStringLiteral("dev"),
                    QStringLiteral("lo"), QStringLiteral("parent"),
                    QStringLiteral("1:") + hex(classMinor), QStringLiteral("handle"),
                    hex(classMinor) + QLatin1Char(':'), QStringLiteral("tbf"),
                    QStringLiteral("rate"), QStringLiteral("%1kbit").arg(rateKbit),
                    QStringLiteral("burst"), QString::number(burstBytes), QStringLiteral("latency"),
                    QStringLiteral("%1ms").arg(bufferMs)},
                   error);
}

} // namespace baton::cli
