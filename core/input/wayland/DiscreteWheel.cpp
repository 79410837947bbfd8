#include "core/input/wayland/DiscreteWheel.h"

namespace baton {

QPoint DiscreteWheel::add(int deltaX, int deltaY)
{
    // The viewer's +Y is wheel up, which evdev and the compositors count as negative.
    return {takeNotches(remainderX_, deltaX), -takeNotches(remainderY_, deltaY)};
}

int DiscreteWheel::takeNotches(int &remainder, int delta)
{
    remainder += delta;
    const int notches = remainder / kNotch; // toward zero: the sign of what is left stays
    remainder -= notches * kNotch;
    return notches;
}

} // namespace baton
