#include "AgentCommand.h"

#include "core/issd/IssdAgentLauncher.h"

#include <QCoreApplication>

namespace baton::cli {

int runAgent(const QStringList &args)
{
    // IDENTIFY and JOIN need widgets: `baton --agent` plugs them in; here they answer 504.
    issd::IssdAgentLauncher launcher(QStringLiteral("baton-cli agent"));
    if (const auto exitCode = launcher.start(args))
        return *exitCode;
    return QCoreApplication::exec();
}

} // namespace baton::cli
