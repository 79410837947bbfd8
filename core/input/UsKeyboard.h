#pragma once

#include <QChar>

#include <cstdint>
#include <optional>

namespace baton {

// The PC/AT set-1 scancode that types a character on a US keyboard, and whether Shift
// is needed: how a script "types" text as real key presses. Characters a US keyboard
// lacks have none; they travel as Unicode input instead.
struct UsKey {
    uint16_t scancode = 0;
    bool shift = false;
};

std::optional<UsKey> usKeyFor(QChar character);

inline constexpr uint16_t kScancodeLeftShift = 0x2A;
inline constexpr uint16_t kScancodeReturn = 0x1C;

} // namespace baton
