#pragma once

#include "codecs/frame/Rect.h"

#include <QMetaType>
#include <QString>

#include <cstdint>

namespace baton {

// A top-level window that can be shared. The id is the platform's handle (an X11
// window id, an HWND, a CGWindowID), opaque outside the backend that made it.
struct WindowInfo {
    uint64_t id = 0;
    QString title;
    // The application's class (X11 WM_CLASS class part, a bundle id on macOS).
    QString className;
    // 0 when the platform does not say.
    int64_t pid = 0;
    // Position on the desktop and size of the window's contents, in pixels.
    Rect geometry;
    bool visible = false;
};

} // namespace baton

Q_DECLARE_METATYPE(baton::WindowInfo)
