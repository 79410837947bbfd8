#pragma once

#include <QPoint>

namespace baton {

// Turns a viewer's wheel deltas (1/120 notch units, +Y = away from the user) into the
// whole notches a Wayland compositor takes (evdev sense: +Y = down, +X = right). Less than
// a notch is kept per axis and added to the next delta, so that a touchpad's small steps
// still scroll; deltas in opposite directions cancel out.
class DiscreteWheel {
public:
    static constexpr int kNotch = 120;

    // The notches to send now: x right, y down. Either may be 0.
    QPoint add(int deltaX, int deltaY);

private:
    static int takeNotches(int &remainder, int delta);

    int remainderX_ = 0;
    int remainderY_ = 0;
};

} // namespace baton
