#pragma once

#include "core/capture/DesktopWindowChooser.h"
#include "core/capture/WindowInfo.h"
#include "core/capture/WindowSource.h"

#include <QList>
#include <QStringList>

#include <memory>

namespace baton {

// Picks the capture backend for this platform: the native one first (X11, or on a
// Wayland desktop the compositor's screen cast through a chooser), then Qt's QScreen
// fallback. Every backend that is skipped says why, in the log
// (baton.capture) and in the refusals list, so "why is capture slow / wrong here" has
// an answer. The only place in capture with platform conditionals.
class WindowSourceFactory {
public:
    struct Listing {
        QList<WindowInfo> windows;
        QString backend; // which backend listed them; empty when none could
        QStringList refusals; // "backend: reason" for each one skipped
    };
    static Listing listWindows();

    struct Creation {
        std::unique_ptr<WindowSource> source; // not started; null when none could
        QStringList refusals;
        // What the source shares: the scope asked for, or Window where the backend can
        // only share the window itself.
        ShareScope scope = ShareScope::Window;
    };
    // window: one from listWindows(). scope: the window alone, or with its application's
    // menus, dialogs and other windows (X11; other backends share the window alone and
    // say so in the log). The source is created, not started.
    static Creation create(const WindowInfo &window, ShareScope scope = ShareScope::Application);

    // Where the window comes from on a desktop that has its own chooser.
    enum class Chooser {
        // The desktop portal's ScreenCast dialog (org.freedesktop.portal.ScreenCast): every
        // Wayland desktop (GNOME, KDE, wlroots with xdg-desktop-portal-wlr).
        Portal,
        // GNOME's own screen cast interface (org.gnome.Mutter.ScreenCast) records the
        // window that has the focus, with no dialog: scripted shares and the tests.
        GnomeFocusedWindow,
    };
    struct ChooserOptions {
        Chooser chooser = Chooser::Portal;
        // Also ask to drive the window (RemoteDesktop): viewers holding the floor type and
        // click into it. Without it, the share is view-only.
        bool withInput = true;
        // The token an earlier choice gave (DesktopWindowChooser::restoreToken()): the
        // portal shares the same window again without asking.
        QString restoreToken;
    };
    struct Choosing {
        std::unique_ptr<DesktopWindowChooser> chooser; // not begun; null when none applies
        QStringList refusals;
    };
    // Whether this desktop offers its own chooser instead of a window list: a Wayland
    // session, where X11 capture sees only Xwayland windows.
    static bool desktopChooses();
    static Choosing chooser(const ChooserOptions &options);
};

} // namespace baton
