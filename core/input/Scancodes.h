#pragma once

#include <cstdint>
#include <optional>

namespace baton {

// Maps a PC/AT set-1 scancode (with the E0 "extended" flag) to a Linux evdev key
// code, the layout-independent code X servers with evdev/libinput keymaps use as
// keycode - 8. nullopt for scancodes with no evdev key.
std::optional<uint16_t> evdevFromScancode(uint16_t scancode, bool extended);
// The inverse, for viewers that read evdev codes (X11 keycode - 8).
std::optional<uint16_t> scancodeFromEvdev(uint16_t evdev, bool *extended);

} // namespace baton
