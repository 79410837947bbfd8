#pragma once

#include <QString>

#include <cstdint>
#include <optional>

namespace baton {

// What a set-1 scancode means to a Qt widget, on the US layout the in-process
// widget source assumes (a widget has no keyboard of its own to ask).
struct QtKey {
    int key = 0; // Qt::Key
    QString text; // unshifted text, empty for non-printing keys
    QString shifted; // text with Shift
};

std::optional<QtKey> qtKeyFromScancode(uint16_t scancode, bool extended);

} // namespace baton
