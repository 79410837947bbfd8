#pragma once

#include "core/display/DisplaySystem.h"
#include "core/issd/IssdAgent.h"
#include "core/issd/ScreenSnapshotter.h"

#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace baton::issd {

// The agent as a program runs it, shared by `baton-cli agent` (headless) and
// `baton --agent` (with widgets, so it can also identify and show shares): the command
// line, the salted keys (and --set-secret), the TLS identity, the display system,
// snapshots through xcb, then the agent itself, with what it listens on printed.
class IssdAgentLauncher {
public:
    // program: how messages name the command, e.g. "baton-cli agent".
    explicit IssdAgentLauncher(QString program);
    ~IssdAgentLauncher();

    // Parses args (options only, no program name) and starts the agent; plugIn is called
    // with the agent just before it starts, to add identify/share plug-ins. Returns the
    // exit status when the program should end now (0 after --help or --set-secret, 1 on
    // failure, 2 on a usage error); nullopt while the agent runs: run the event loop.
    std::optional<int> start(const QStringList &args, const std::function<void(IssdAgent &)> &plugIn = {});

    IssdAgent *agent() const { return agent_.get(); }
    display::DisplaySystem *displays() { return displays_ ? &*displays_ : nullptr; }

    static constexpr int kExitOk = 0;
    static constexpr int kExitFailure = 1;
    static constexpr int kExitUsage = 2;

private:
    int setSecret(const QString &path, const QString &keyId);

    QString program_;
    std::optional<display::DisplaySystem> displays_;
    std::unique_ptr<ScreenSnapshotter> snapshotter_;
    std::unique_ptr<IssdAgent> agent_;
};

} // namespace baton::issd
