#pragma once

#include <QProcess>
#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace baton::cli {

// The pieces of the e2e benchmark's stage: private X servers, the shared applications'
// processes and their CPU time, all reaped when the owner goes.
class E2eHarness {
public:
    E2eHarness();
    ~E2eHarness();
    E2eHarness(const E2eHarness &) = delete;
    E2eHarness &operator=(const E2eHarness &) = delete;

    // Starts Xvfb on a free display (1920x1080x24, no TCP) and returns ":N", or nullopt
    // with the reason.
    std::optional<QString> startXvfb(QString *error);
    // The process id of the Xvfb serving DISPLAY (started here), 0 for another display.
    qint64 xvfbPid(const QString &display) const;
    // Starts PROGRAM on DISPLAY (none when it is empty: a Wayland client, EXTRAENV saying
    // where); the process lives until stopAll() or the harness goes.
    QProcess *start(const QString &display, const QString &program, const QStringList &args,
                    const QProcessEnvironment &extraEnv = {});
    // Runs PROGRAM on DISPLAY to its end, the event loop running meanwhile; true when it
    // exited with 0 within timeoutMs (its error output is in *error otherwise).
    bool run(const QString &display, const QString &program, const QStringList &args, int timeoutMs,
             QString *error);
    // The first visible window whose name is TITLE, polling for up to timeoutMs.
    std::optional<uint64_t> findWindow(const QString &display, const QString &title, int timeoutMs);
    // Terminates the processes started since mark (SIGTERM, then SIGKILL after a grace).
    void stopFrom(std::size_t mark);
    std::size_t mark() const { return processes_.size(); }

    // The user plus system CPU seconds a live process has used so far (/proc/PID/stat).
    static double cpuSeconds(qint64 pid);
    // Runs the event loop for ms milliseconds (the proxy and child pipes keep working).
    static void spin(int ms);
    // Runs the event loop until done() or timeoutMs; true when done() held.
    static bool spinUntil(const std::function<bool()> &done, int timeoutMs);

private:
    std::vector<std::unique_ptr<QProcess>> processes_;
    std::map<QString, qint64> xvfbPids_;
};

} // namespace baton::cli
