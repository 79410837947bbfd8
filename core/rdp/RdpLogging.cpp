#include "core/rdp/RdpLogging.h"

#include <mutex>
#include <winpr/wlog.h>

// Debug lines are off unless asked for (QT_LOGGING_RULES="baton.rdp.debug=true"): some are per
// connection or per input event, and a flood of connections must not become a flood of lines.
Q_LOGGING_CATEGORY(lcRdp, "baton.rdp", QtInfoMsg)

namespace baton::rdp {
namespace {

BOOL forwardMessage(const wLogMessage *message)
{
    const char *text = message->TextString ? message->TextString : "";
    const char *where = message->FunctionName ? message->FunctionName : "";
    // FreeRDP's lines are per connection (its security, channels, and why a garbage
    // connection failed): debug for Baton, whose own line says why a client ended.
    if (message->Level >= WLOG_FATAL)
        qCWarning(lcRdp, "FreeRDP %s: %s", where, text);
    else
        qCDebug(lcRdp, "FreeRDP %s: %s", where, text);
    return TRUE;
}

} // namespace

void routeFreeRdpLogging()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // WLog keeps the pointer: the callbacks must outlive every logger.
        static wLogCallbacks callbacks = {nullptr, nullptr, forwardMessage, nullptr};
        wLog *root = WLog_GetRoot();
        if (!root || !WLog_SetLogAppenderType(root, WLOG_APPENDER_CALLBACK))
            return;
        WLog_ConfigureAppender(WLog_GetLogAppender(root), "callbacks", &callbacks);
    });
}

} // namespace baton::rdp
