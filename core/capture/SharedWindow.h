#pragma once

#include "codecs/frame/Rect.h"
#include "codecs/frame/Region.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace baton {

// How much of the chosen window's application a share shows.
enum class ShareScope {
    // The chosen window and every window of the same application while it is mapped:
    // its menus, popups and tooltips, its dialogs, a second document window (T.128's
    // hosted application). The default.
    Application,
    // The chosen window alone.
    Window,
};

// One window of a share as the share's picture shows it.
struct SharedWindow {
    enum class Kind {
        Main, // the window the person chose
        Window, // another top-level window of the application (a dialog, a document)
        Popup, // a menu, combo-box list, tooltip or drag icon (override-redirect on X11)
    };
    // The platform's handle, as in WindowInfo::id.
    uint64_t id = 0;
    // The window this one belongs to (WM_TRANSIENT_FOR, or the main window for a
    // popup); 0 when it stands on its own.
    uint64_t ownerId = 0;
    Kind kind = Kind::Main;
    // Where the window lies in the share's picture (picture coordinates: WindowInfo's
    // geometry is the picture on the desktop). May extend past the picture's edges.
    Rect rect;
    QString title;
    // It has the host's keyboard focus.
    bool focused = false;
    friend bool operator==(const SharedWindow &, const SharedWindow &) = default;
};

// Topmost first.
using SharedWindows = std::vector<SharedWindow>;

// Where a picture of before's windows must be painted again to show after's: the
// windows that came or went, and the old and new places of those that moved or changed
// places in the stack (counted from the bottom, so a window opening on top moves none).
Region rearrangedArea(const SharedWindows &before, const SharedWindows &after);

} // namespace baton
