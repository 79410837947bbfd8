#pragma once

#include "core/input/InputEvents.h"

#include <QSize>
#include <QString>

namespace baton {

// Delivers input to the shared windows, and nowhere else. The session calls it on its
// own thread, only for input FloorControl admitted; the injector is the last line of
// defence: a position goes to the shared window under it (a single window clamps it),
// a click outside every shared window or on another program's window is refused, the
// window is raised and focused as needed before injecting, and input is refused when
// the window is gone.
//
// Each call returns false with errorString() set when nothing was injected (window
// closed, backend lost its connection); the session logs it and counts the drop.
class InputInjector {
public:
    virtual ~InputInjector() = default;

    virtual bool key(const KeyInput &key) = 0;
    // Characters the viewer's keyboard composed (dead keys, input methods, or keys
    // the host's layout lacks), typed as press and release of each character.
    virtual bool text(const QString &text) = 0;
    virtual bool pointer(const PointerInput &pointer) = 0;
    // Releases every key and button this injector pressed and did not release, so
    // a holder who loses the floor mid-drag leaves nothing stuck.
    virtual void releaseAll() = 0;

    virtual QString errorString() const = 0;
};

} // namespace baton
