#pragma once

#include "core/input/InputEvents.h"

#include <array>
#include <vector>

namespace baton::rdp {

// Finds Ctrl+Alt+Space, the RDP participant's chord for the floor, in one client's keys
// (set-1 scancodes: Ctrl 0x1D or E0 1D, Alt 0x38 or E0 38, Space 0x39), either Ctrl and
// either Alt, pressed in any order before Space.
//
// None of the chord's keys reach the host: a Ctrl or Alt press is held back until the next
// key says what it was for. Space with both held makes it the chord, and those presses and
// every later press and release of the chord's keys are swallowed. Any other key press
// lets the held-back presses through first, in the order they came; a Ctrl or Alt
// released on its own comes through as press and release (Alt alone opens menus). Pure:
// no clock, no I/O; one per client.
class FloorChord {
public:
    struct Result {
        bool chord = false; // the chord was just completed (once per Space press)
        std::vector<KeyInput> keys; // what to pass on now, in order
    };

    Result feed(const KeyInput &key);
    // The held-back presses, to pass on before a click or a wheel turn (Ctrl+click).
    std::vector<KeyInput> flush();

private:
    enum class Modifier { LeftCtrl, RightCtrl, LeftAlt, RightAlt };
    enum class State {
        Up,
        HeldBack, // pressed; not passed on yet
        PassedOn, // pressed and passed on: its release is passed on too
        Swallowed, // part of a chord: its repeats and release are swallowed
    };
    static constexpr int kModifiers = 4;

    static int modifierOf(const KeyInput &key);
    static KeyInput keyOf(int modifier, bool pressed);
    bool isDown(int modifier) const { return states_[modifier] != State::Up; }
    Result feedModifier(int modifier, bool pressed);
    Result feedSpace(const KeyInput &key);

    std::array<State, kModifiers> states_{};
    std::vector<int> heldBack_; // modifiers in the order they were pressed
    bool spaceSwallowed_ = false;
};

} // namespace baton::rdp
