#include "core/input/Scancodes.h"

#include <array>
#include <utility>

namespace baton {
namespace {

// The E0-prefixed keys; every other set-1 scancode up to 0x58 equals its evdev code,
// because evdev's numbering was taken from set 1.
constexpr std::array<std::pair<uint16_t, uint16_t>, 19> kExtended = {{
    {0x1c, 96}, // keypad Enter
    {0x1d, 97}, // right Ctrl
    {0x35, 98}, // keypad /
    {0x37, 99}, // Print Screen
    {0x38, 100}, // right Alt (AltGr)
    {0x47, 102}, // Home
    {0x48, 103}, // Up
    {0x49, 104}, // Page Up
    {0x4b, 105}, // Left
    {0x4d, 106}, // Right
    {0x4f, 107}, // End
    {0x50, 108}, // Down
    {0x51, 109}, // Page Down
    {0x52, 110}, // Insert
    {0x53, 111}, // Delete
    {0x5b, 125}, // left Meta
    {0x5c, 126}, // right Meta
    {0x5d, 127}, // Menu
    {0x46, 119}, // Pause (Ctrl+Break form)
}};

constexpr uint16_t kLastPlainScancode = 0x58; // F12

} // namespace

std::optional<uint16_t> evdevFromScancode(uint16_t scancode, bool extended)
{
    if (!extended)
        return scancode >= 1 && scancode <= kLastPlainScancode ? std::optional(scancode)
                                                               : std::nullopt;
    for (const auto &[code, evdev] : kExtended)
        if (code == scancode)
            return evdev;
    return std::nullopt;
}

std::optional<uint16_t> scancodeFromEvdev(uint16_t evdev, bool *extended)
{
    for (const auto &[code, key] : kExtended) {
        if (key == evdev) {
            *extended = true;
            return code;
        }
    }
    *extended = false;
    if (evdev >= 1 && evdev <= kLastPlainScancode)
        return evdev;
    return std::nullopt;
}

} // namespace baton
