#pragma once

#include <QPoint>
#include <QString>

#include <cstdint>

namespace baton {

// A key as the viewer's keyboard reported it: a PC/AT set-1 scancode, as T.128 and
// RDP input PDUs carry it (extended = the E0 prefix). Physical, so it is
// independent of either side's layout.
struct KeyInput {
    uint16_t scancode = 0;
    bool extended = false;
    bool pressed = true;
};

// A pointer event in the share's picture coordinates (0,0 = the picture's top-left
// pixel: the window's, or for an application share the box around its windows).
struct PointerInput {
    enum class Type { Move, Press, Release, Wheel };
    Type type = Type::Move;
    QPoint position;
    int button = 0; // 1 left, 2 middle, 3 right, 4 back, 5 forward (Press/Release)
    int wheelDeltaX = 0; // Wheel: in 1/120 notch units, positive = right
    int wheelDeltaY = 0; // Wheel: in 1/120 notch units, positive = away from the user (up)
};

} // namespace baton
