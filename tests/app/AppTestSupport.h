#pragma once

#include <QImage>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>

// What the tests of the real executables share: a person's private environment, a line
// read from a child's output, a child's memory and the synthetic scene it shows.
namespace baton::test {

// This environment with HOME, the XDG configuration, data, cache and runtime directories
// all inside dir, so that the child sees a first run and nobody else's running Baton.
QProcessEnvironment privateEnvironment(const QTemporaryDir &dir);

// Waits for a whole line on the process's standard output; empty when none came in time.
QString readLine(QProcess &process, int timeoutMs);

// The two lines `baton-cli host` starts its standard output with: the invite link and its
// web form. Each is empty when it did not come in time.
struct HostLinks {
    QString native;
    QString web;
};
HostLinks readHostLinks(QProcess &process, int timeoutMs);

// A `baton-cli COMMAND …` as a test runs it: its standard error (where the commands say
// what happens) kept, to wait for what it says; its standard output left to readLine().
// Killed when destroyed.
class CliProcess {
public:
    CliProcess(const QString &cli, const QProcessEnvironment &environment,
               const QStringList &arguments);
    ~CliProcess();
    CliProcess(const CliProcess &) = delete;
    CliProcess &operator=(const CliProcess &) = delete;

    // Waits until it has said a line containing text; the last such line, empty when none
    // came in time.
    QString waitFor(const QString &text, int timeoutMs);
    // Asks it to leave (SIGTERM, as Ctrl+C would): a join writes its picture and statistics.
    void leave();
    // Waits until it exited; true when it did with status 0.
    bool finishedWell(int timeoutMs);
    // What it has said on standard error by the last waitFor() or finishedWell().
    const QString &said() const { return said_; }
    QProcess &process() { return process_; }

private:
    QProcess process_;
    QString said_;
};

// A `baton-cli join LINK OPTIONS`.
class JoinProcess : public CliProcess {
public:
    JoinProcess(const QString &cli, const QProcessEnvironment &environment, const QString &link,
                const QStringList &options)
        : CliProcess(cli, environment, QStringList{QStringLiteral("join"), link} + options)
    {
    }
};

// The resident set of process pid in MiB (VmRSS in /proc), or -1 when it cannot be read.
double residentMiB(qint64 pid);

// The step of a `baton-cli host --synthetic typing --size WxH` scene that picture shows
// exactly (the host's framebuffer is the scene after some number of steps), or -1 when
// no step up to maxSteps matches it pixel for pixel.
int typingSceneStepShown(const QImage &picture, int maxSteps);

} // namespace baton::test
