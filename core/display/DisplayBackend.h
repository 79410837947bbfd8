#pragma once

#include "core/display/DisplayTypes.h"

#include <QObject>

namespace baton::display {

// The layout side of a machine's displays: which outputs exist and how they are
// arranged. One implementation per window system (x11/RandrDisplayBackend, the
// read-only qt/QScreenDisplayBackend), created by DisplayBackendFactory.
//
// Used on the thread that created it (the agent's event-loop thread). Calls block
// for at most one round trip to the window system.
class DisplayBackend : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // A short name for logs and INFO, e.g. "x11-randr".
    virtual QString name() const = 0;

    // The connected or enabled outputs, freshly read, in the window system's order.
    virtual QList<DisplayInfo> displays() = 0;

    // Whether applyLayout() can change anything at all (false for read-only backends).
    virtual bool canChangeLayout() const = 0;

    // Applies every change as one transaction: all of them take effect or, on any
    // error, none does and the previous layout is back. Unknown connectors, modes
    // the output lacks and rotations it cannot do are refused before anything
    // changes (InvalidValue / Unsupported).
    virtual BackendResult applyLayout(const QList<LayoutChange> &changes) = 0;

signals:
    // The layout or the set of outputs changed, by us or by someone else.
    void layoutChanged();
};

} // namespace baton::display
