#include "E2eHarness.h"

#include "app/cli/browser/ProcessCpu.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

namespace baton::cli {
namespace {

constexpr int kXvfbStartMs = 10000;
constexpr int kTerminateGraceMs = 3000;
constexpr int kPollMs = 50;

} // namespace

E2eHarness::E2eHarness() = default;

E2eHarness::~E2eHarness()
{
    stopFrom(0);
}

std::optional<QString> E2eHarness::startXvfb(QString *error)
{
    // -displayfd: Xvfb picks a free display number itself (under its own lock) and writes
    // it to stdout once it accepts connections, so two servers never race for a number.
    // -noreset: without it the server resets whenever its last client leaves (a window
    // search polling while xterm starts, say), and a client connecting meanwhile fails.
    QProcess *server =
        start({}, QStringLiteral("Xvfb"),
              {QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-screen"),
               QStringLiteral("0"), QStringLiteral("1920x1080x24"), QStringLiteral("-nolisten"),
               QStringLiteral("tcp"), QStringLiteral("-noreset")});
    QByteArray announced;
    spinUntil(
        [&] {
            announced += server->readAllStandardOutput();
            return announced.contains('\n') || server->state() == QProcess::NotRunning;
        },
        kXvfbStartMs);
    bool ok = false;
    const int number = announced.trimmed().toInt(&ok);
    if (server->state() == QProcess::Running && ok) {
        const QString display = QStringLiteral(":%1").arg(number);
        xvfbPids_[display] = server->processId();
        return display;
    }
    *error = server->error() == QProcess::FailedToStart
        ? QStringLiteral("cannot start Xvfb: %1").arg(server->errorString())
        : QStringLiteral("Xvfb did not start: %1")
              .arg(QString::fromLocal8Bit(server->readAllStandardError()).trimmed());
    return std::nullopt;
}

qint64 E2eHarness::xvfbPid(const QString &display) const
{
    const auto found = xvfbPids_.find(display);
    return found == xvfbPids_.end() ? 0 : found->second;
}

QProcess *E2eHarness::start(const QString &display, const QString &program, const QStringList &args,
                            const QProcessEnvironment &extraEnv)
{
    auto process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (display.isEmpty())
        env.remove(QStringLiteral("DISPLAY"));
    else
        env.insert(QStringLiteral("DISPLAY"), display);
    for (const QString &key : extraEnv.keys())
        env.insert(key, extraEnv.value(key));
    process->setProcessEnvironment(env);
    process->setProgram(program);
    process->setArguments(args);
    process->start();
    process->waitForStarted();
    processes_.push_back(std::move(process));
    return processes_.back().get();
}

bool E2eHarness::run(const QString &display, const QString &program, const QStringList &args,
                     int timeoutMs, QString *error)
{
    QProcess *process = start(display, program, args);
    const bool ended =
        spinUntil([process] { return process->state() == QProcess::NotRunning; }, timeoutMs);
    if (ended && process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0)
        return true;
    *error = QStringLiteral("%1 %2: %3")
                 .arg(program, args.join(QLatin1Char(' ')),
                      ended ? QString::fromLocal8Bit(process->readAllStandardError()).trimmed()
                            : QStringLiteral("did not finish"));
    return false;
}

std::optional<uint64_t> E2eHarness::findWindow(const QString &display, const QString &title,
                                               int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        QProcess search;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DISPLAY"), display);
        search.setProcessEnvironment(env);
        search.start(QStringLiteral("xdotool"),
                     {QStringLiteral("search"), QStringLiteral("--onlyvisible"),
                      QStringLiteral("--name"), QStringLiteral("^%1$").arg(title)});
        search.waitForFinished(5000);
        bool ok = false;
        const uint64_t id = QString::fromLatin1(search.readAllStandardOutput())
                                .section(QLatin1Char('\n'), 0, 0)
                                .trimmed()
                                .toULongLong(&ok);
        if (ok && id != 0)
            return id;
        spin(200);
    }
    return std::nullopt;
}

void E2eHarness::stopFrom(std::size_t mark)
{
    // Newest first: viewers and servers go before the X server they draw on.
    for (std::size_t i = processes_.size(); i > mark; --i) {
        QProcess &process = *processes_[i - 1];
        if (process.state() != QProcess::NotRunning) {
            process.terminate();
            if (!process.waitForFinished(kTerminateGraceMs)) {
                process.kill();
                process.waitForFinished(kTerminateGraceMs);
            }
        }
    }
    processes_.resize(std::min(mark, processes_.size()));
}

double E2eHarness::cpuSeconds(qint64 pid)
{
    const auto cpu = readProcessCpu(pid);
    return cpu ? cpu->ownSeconds : 0;
}

void E2eHarness::spin(int ms)
{
    QEventLoop loop;
    // Precise: a coarse timer may fire up to 5 % early, and the measured seconds are spun.
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

bool E2eHarness::spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        spin(kPollMs);
    }
    return true;
}

} // namespace baton::cli
