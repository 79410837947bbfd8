#include "E2eHosts.h"

namespace baton::cli {
namespace {

constexpr int kWindowWaitMs = 30000;

// lxterminal's arguments for the workload's command. --command takes one string, which it
// splits as a shell would: each word goes in single quotes.
std::optional<QStringList> terminalArguments(E2eWorkload workload, const QString &workDir,
                                             QString *error)
{
    const auto command = terminalCommand(workload, workDir, error);
    if (!command)
        return std::nullopt;
    QStringList quoted;
    for (QString word : *command)
        quoted << QLatin1Char('\'') + word.replace(QLatin1Char('\''), QStringLiteral("'\\''")) +
                QLatin1Char('\'');
    // --no-remote: a window of its own process, never one of another lxterminal's.
    return QStringList{QStringLiteral("--no-remote"), QStringLiteral("--geometry=100x40"),
                       QStringLiteral("--title=") + kE2eTitle,
                       QStringLiteral("--command=") + quoted.join(QLatin1Char(' '))};
}

} // namespace

std::optional<uint64_t> startX11Terminal(E2eHarness &harness, const QString &display,
                                         E2eWorkload workload, const QString &workDir,
                                         QString *error)
{
    const auto arguments = terminalArguments(workload, workDir, error);
    if (!arguments)
        return std::nullopt;
    QProcessEnvironment env;
    env.insert(QStringLiteral("GDK_BACKEND"), QStringLiteral("x11"));
    QProcess *app = harness.start(display, QStringLiteral("lxterminal"), *arguments, env);
    const auto window = harness.findWindow(display, kE2eTitle, kWindowWaitMs);
    if (!window)
        *error = QStringLiteral("lxterminal's window did not appear on %1 (%2)")
                     .arg(display, QString::fromLocal8Bit(app->readAllStandardError().right(1000)));
    return window;
}

QProcess *startWaylandTerminal(HeadlessGnome &gnome, E2eWorkload workload, const QString &workDir,
                               QString *error)
{
    const auto arguments = terminalArguments(workload, workDir, error);
    return arguments ? gnome.startClient(QStringLiteral("lxterminal"), *arguments, error) : nullptr;
}

} // namespace baton::cli
