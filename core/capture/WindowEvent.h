#pragma once

#include "codecs/frame/Rect.h"

#include <QMetaType>

namespace baton {

enum class WindowEventKind {
    Moved, // geometry's position changed; size unchanged
    Resized, // size changed (the next frame has the new size)
    Hidden, // unmapped or minimised: no frames until Shown
    Shown, // mapped again
    Closed, // destroyed: the source stops
    // The share's windows changed inside an unchanged picture: a popup or dialog of the
    // shared application appeared or went, one moved, or their stacking changed.
    // sharedWindows() has the new arrangement.
    Arranged,
};

struct WindowEvent {
    WindowEventKind kind = WindowEventKind::Moved;
    // The window's geometry (the share's picture) after the event, in desktop coordinates.
    Rect geometry;
};

} // namespace baton

Q_DECLARE_METATYPE(baton::WindowEvent)
