#include "AppTestSupport.h"

#include "core/capture/SyntheticScene.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>

#include <algorithm>
#include <cstring>

namespace baton::test {

QProcessEnvironment privateEnvironment(const QTemporaryDir &dir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), dir.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath(QStringLiteral("cache")));
    // The runtime directory must be the user's alone (0700), as the session's is.
    const QString runtime = dir.filePath(QStringLiteral("runtime"));
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    return env;
}

QString readLine(QProcess &process, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!process.canReadLine() && !deadline.hasExpired() &&
           process.state() != QProcess::NotRunning)
        process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
    return process.canReadLine() ? QString::fromUtf8(process.readLine()).trimmed() : QString();
}

HostLinks readHostLinks(QProcess &process, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    HostLinks links;
    links.native = readLine(process, timeoutMs);
    if (!links.native.isEmpty())
        links.web = readLine(process, int(std::max<qint64>(1, deadline.remainingTime())));
    return links;
}

CliProcess::CliProcess(const QString &cli, const QProcessEnvironment &environment,
                       const QStringList &arguments)
{
    process_.setProcessEnvironment(environment);
    process_.start(cli, arguments);
}

CliProcess::~CliProcess()
{
    process_.kill();
    process_.waitForFinished(5000);
}

QString CliProcess::waitFor(const QString &text, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (true) {
        said_ += QString::fromUtf8(process_.readAllStandardError());
        const QStringList lines = said_.split(QLatin1Char('\n'));
        for (auto line = lines.rbegin(); line != lines.rend(); ++line)
            if (line->contains(text))
                return *line;
        if (deadline.hasExpired() || process_.state() == QProcess::NotRunning)
            return {};
        process_.waitForReadyRead(100);
    }
}

void CliProcess::leave()
{
    process_.terminate();
}

bool CliProcess::finishedWell(int timeoutMs)
{
    const bool finished = process_.waitForFinished(timeoutMs);
    said_ += QString::fromUtf8(process_.readAllStandardError());
    return finished && process_.exitStatus() == QProcess::NormalExit && process_.exitCode() == 0;
}

double residentMiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    // readAll(), not atEnd(): /proc files have no size.
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) // "VmRSS:\t   51234 kB"
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024;
    }
    return -1;
}

int typingSceneStepShown(const QImage &picture, int maxSteps)
{
    if (picture.isNull())
        return -1;
    const QImage argb = picture.convertToFormat(QImage::Format_ARGB32);
    SyntheticScene scene(SyntheticSceneKind::Typing, argb.width(), argb.height());
    const size_t rowBytes = size_t(argb.width()) * sizeof(uint32_t);
    for (int step = 0; step <= maxSteps; ++step) {
        bool same = true;
        for (int y = 0; y < argb.height() && same; ++y)
            same = std::memcmp(scene.frame().view().row(y).data(), argb.constScanLine(y),
                               rowBytes) == 0;
        if (same)
            return step;
        scene.step();
    }
    return -1;
}

} // namespace baton::test
