#pragma once

#include "core/issd/IssdAgentConfig.h"
#include "core/issd/IssdDisplayProperties.h"
#include "core/issd/IssdMessages.h"
#include "core/issd/IssdOperations.h"
#include "core/issd/IssdReply.h"
#include "core/issd/IssdSubscriptions.h"
#include "core/issd/ScreenIdentifier.h"
#include "core/issd/ScreenSnapshotter.h"
#include "core/issd/ShareDisplay.h"

#include <QElapsedTimer>
#include <QHash>

#include <functional>

namespace baton::issd {

class IssdSession;

// Carries out the authenticated commands (INFO, LIST, GET, SET, CONFIRM, IDENTIFY,
// SNAPSHOT, JOIN, LEAVE, SUBSCRIBE, UNSUBSCRIBE) against the agent's parts. Owns
// nothing; events go out through `publish`.
class IssdCommandDispatcher {
public:
    struct Parts {
        const IssdAgentConfig *config = nullptr;
        IssdDisplayProperties *properties = nullptr;
        IssdOperations *operations = nullptr;
        IssdSubscriptions *subscriptions = nullptr;
        ScreenIdentifier *identifier = nullptr; // may be null: IDENTIFY answers 504
        ScreenSnapshotter *snapshotter = nullptr; // may be null: SNAPSHOT answers 504
        ShareDisplay *share = nullptr;            // may be null: JOIN/LEAVE answer 504
        std::function<QStringList()> serverFacts; // INFO without a selector
        // Applies a SET's effects to events: (display id, changed props, by, op).
        std::function<void(const QString &, const IssdDisplayProperties::Properties &, const QString &, quint64)>
            propsChanged;
        // Re-reads the layout and publishes what changed, attributed to by/op.
        std::function<void(const QString &, quint64)> layoutChanged;
        // (type, display id, details, only-to-session or 0)
        std::function<void(const QString &, const QString &, const Arguments &, quint64)> publish;
    };

    explicit IssdCommandDispatcher(Parts parts) : parts_(std::move(parts)) { }
    Reply dispatch(IssdSession &session, const Command &command);
    void sessionClosed(quint64 sessionId) { lastSnapshot_.remove(sessionId); }

private:
    Reply info(const Command &command);
    Reply list();
    Reply get(const Command &command);
    Reply set(IssdSession &session, const Command &command);
    Reply confirm(const Command &command);
    Reply identify(const Command &command);
    Reply snapshot(IssdSession &session, const Command &command);
    Reply join(IssdSession &session, const Command &command);
    Reply leave(const Command &command);
    Reply subscribe(IssdSession &session, const Command &command);
    Reply unsubscribe(IssdSession &session, const Command &command);

    Parts parts_;
    QHash<quint64, QElapsedTimer> lastSnapshot_;
};

} // namespace baton::issd
