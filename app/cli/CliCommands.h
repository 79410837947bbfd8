#pragma once

#include <QStringList>

#include <functional>
#include <span>

namespace baton::cli {

// Exit statuses shared by every subcommand.
enum ExitCode : int {
    kExitOk = 0,
    kExitFailure = 1,
    kExitUsage = 2,
};

// One subcommand of baton-cli: its name, a one-line summary for --help, and the
// function that runs it with the arguments after the subcommand's name.
struct CliCommand {
    const char *name;
    const char *summary;
    std::function<int(const QStringList &args)> run;
};

std::span<const CliCommand> commands();

} // namespace baton::cli
