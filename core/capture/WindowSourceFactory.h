#pragma once

#include "core/capture/WindowInfo.h"
#include "core/capture/WindowSource.h"

#include <QList>
#include <QStringList>

#include <memory>

namespace baton {

// Picks the capture backend for this platform: the native one first (X11 today), then
// Qt's QScreen fallback. Every backend that is skipped says why, in the log
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
};

} // namespace baton
