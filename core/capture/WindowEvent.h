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
};

struct WindowEvent {
    WindowEventKind kind = WindowEventKind::Moved;
    // The window's geometry after the event, in desktop coordinates.
    Rect geometry;
};

} // namespace baton

Q_DECLARE_METATYPE(baton::WindowEvent)
