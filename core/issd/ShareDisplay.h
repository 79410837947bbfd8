#pragma once

#include "core/common/InviteLink.h"
#include "core/display/DisplayTypes.h"

#include <QObject>

namespace baton::issd {

// JOIN/LEAVE: shows a Baton session full screen on one display, as a viewer. Supplied
// by `baton --agent` (it owns the viewer widgets); without one the agent answers
// 504 E_UNSUPPORTED and does not advertise `share-baton`. Called on the agent's
// thread. join() returns at once: Ok means "accepted", and the outcome follows as
// started() or failed() carrying the same operation number.
class ShareDisplay : public QObject {
    Q_OBJECT
public:
    enum class Fit { Scale, OneToOne };
    using QObject::QObject;

    virtual display::BackendResult join(const display::DisplayInfo &display, const InviteLink &link,
                                        Fit fit, quint64 op) = 0;
    // Closes the viewer on the display; Unavailable when none is open there.
    virtual display::BackendResult leave(const QString &displayId) = 0;
    // The session shown on the display, if any.
    virtual std::optional<InviteLink> shownOn(const QString &displayId) const = 0;

signals:
    void started(const QString &displayId, quint64 op);
    void failed(const QString &displayId, quint64 op, const QString &reason);
    // The viewer closed: by LEAVE, because the host ended the session, or it failed later.
    void ended(const QString &displayId, const QString &reason);
};

} // namespace baton::issd
