#pragma once

#include "core/input/InputInjector.h"
#include "core/input/LocalInputMonitor.h"

#include <QStringList>

#include <memory>

namespace baton {

class WindowSource;

// Picks the input backends for a share from the capture source it was given, so that
// viewers' input reaches the window being captured, by the same platform means: X11
// XTEST for an X11 window today (a Wayland portal backend goes behind it). Every backend
// that is skipped says why, in the log (baton.input) and in the refusals list. The only
// place in input with platform conditionals.
class InputBackendFactory {
public:
    struct Creation {
        // Where admitted input goes; null when no backend can drive this window: the
        // share is then view-only, which is not an error.
        std::unique_ptr<InputInjector> injector;
        // Tells when the person at the host uses the window; null when no backend can
        // watch it. It reads the injector's count of presses sent, so that the injector's
        // own presses are not taken for the host's: it must not outlive the injector
        // (HostSession destroys it first).
        std::unique_ptr<LocalInputMonitor> monitor;
        // "backend: reason" for each backend skipped, and for a monitor that could not
        // be made beside its injector.
        QStringList refusals;
    };

    // source: the created capture source of the share (started or not); its backend
    // and window id decide. Opens the backends' own connections to the window system.
    // The backends read the share's windows from source before each event (an
    // application share routes the pointer to the window under it): source must outlive
    // them, on the thread they are used on.
    static Creation create(const WindowSource &source);
};

} // namespace baton
