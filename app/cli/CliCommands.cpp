#include "CliCommands.h"

#include "AgentCommand.h"
#include "BenchCommand.h"
#include "HostCommand.h"
#include "IssdCommand.h"
#include "JoinCommand.h"
#include "RdpGatewayCommand.h"
#include "WindowsCommand.h"

#include <QTextStream>

#include <array>

namespace baton::cli {
namespace {

const std::array kCommands = {
    CliCommand{"host", "Share a window, the demo or a synthetic scene with viewers",
               runHost},
    CliCommand{"join", "Join a session from its invite link as a headless viewer",
               runJoin},
    CliCommand{"windows", "List the windows that can be shared", runWindows},
    CliCommand{"agent", "Run an ISSD display agent (port 1600)", runAgent},
    CliCommand{"issd", "Talk to an ISSD display agent, or discover agents", runIssd},
    CliCommand{"bench", "Run a benchmark (diff, codec, e2e) and print JSON lines", runBench},
    CliCommand{"rdp-gateway", "Serve a session to RDP clients from its invite link",
               runRdpGateway},
};

} // namespace

std::span<const CliCommand> commands()
{
    return kCommands;
}

} // namespace baton::cli
