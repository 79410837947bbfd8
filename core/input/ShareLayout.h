#pragma once

#include "codecs/frame/Rect.h"
#include "core/capture/SharedWindow.h"

#include <QPoint>

#include <functional>

namespace baton {

// Where a share's windows lie, as an injector needs it to route a viewer's pointer:
// the picture on the desktop and the windows in it. Read from the capture source
// (WindowSource::window().geometry and sharedWindows()) before each pointer event.
struct ShareLayout {
    // The share's picture on the desktop: its top-left is picture point (0, 0).
    Rect picture;
    // Topmost first, rects in picture coordinates.
    SharedWindows windows;

    // One window that fills the picture: a Window-scope share, or an application
    // showing only its main window. Input then goes to that window as it always has.
    // So does a layout with no windows (a source not started yet lists none): the
    // chosen window is then all there is to go by.
    bool isSingleWindow() const;
    // The topmost window that contains the picture point; null when none does (the
    // desktop between the application's windows).
    const SharedWindow *windowAt(QPoint point) const;
    const SharedWindow *find(uint64_t id) const;
    // The window the person chose; null when the layout has none.
    const SharedWindow *mainWindow() const;
    QPoint toDesktop(QPoint point) const { return point + QPoint(picture.x, picture.y); }
};

// Returns the layout as it is now. Called on the session's thread, before each pointer
// event; the source it reads outlives the injector that calls it.
using ShareLayoutProvider = std::function<ShareLayout()>;

} // namespace baton
