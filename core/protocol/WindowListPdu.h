#pragma once

#include "core/protocol/PduTypes.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace baton::protocol {

class PduReader;
class PduWriter;

// One window: windowId(4) | ownerId(4) | flags(4) | x(4, signed) | y(4, signed) |
// width(2) | height(2) | title (u16 length + UTF-8). Geometry in host desktop pixels.
struct WindowRecord {
    static constexpr uint32_t kShared = 0x01;
    static constexpr uint32_t kMinimized = 0x02;
    static constexpr uint32_t kMaximized = 0x04;
    static constexpr uint32_t kTopmost = 0x08;
    static constexpr uint32_t kFocused = 0x10;
    static constexpr uint32_t kFullScreen = 0x20;
    // Baton 1.2: not a window but the share's picture on the desktop (windowId: the main
    // shared window's); a window's place in the picture is its x, y minus this record's.
    static constexpr uint32_t kShareArea = 0x40;
    // Baton 1.2: a menu, list, tooltip or drag icon (override-redirect on X11).
    static constexpr uint32_t kPopup = 0x80;
    static constexpr size_t kMaxTitleBytes = 1024;
    uint32_t windowId = 0;
    uint32_t ownerId = 0; // the top-level window this one belongs to (0 = itself)
    uint32_t flags = 0; // unknown bits are carried and ignored
    int32_t x = 0;
    int32_t y = 0;
    uint16_t width = 0;
    uint16_t height = 0;
    std::string title;
    friend bool operator==(const WindowRecord &, const WindowRecord &) = default;
};

// Baton's window list (our version of NetMeeting's shared window list), host → all:
// windowCount(2) | pad2(2) | records, in z-order, topmost first. Since 1.2 each window of
// the shared application is a record, and a ShareArea record closes the list
// (docs/protocol.md §12). Sent whenever the share moves, resizes, changes title or state,
// or the application's windows change.
struct WindowListPdu {
    static constexpr PduType2 kType2 = PduType2::WindowList;
    static constexpr size_t kMaxWindows = 256;
    std::vector<WindowRecord> windows;

    void write(PduWriter &w) const;
    static WindowListPdu read(PduReader &r);
    friend bool operator==(const WindowListPdu &, const WindowListPdu &) = default;
};

} // namespace baton::protocol
