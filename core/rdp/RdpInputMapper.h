#pragma once

#include "core/input/InputEvents.h"

#include <QPoint>
#include <QString>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace baton::rdp {

// Turns one RDP client's input events (MS-RDPBCGR 2.2.8.1.1.3.1.1: keyboard, Unicode keyboard,
// mouse and extended mouse, as FreeRDP's rdpInput callbacks hand them over) into Baton's
// KeyInput, text and PointerInput. Positions are clamped to the desktop, which is the
// picture, so they are in the picture's pixels. One per client, used on its thread.
class RdpInputMapper {
public:
    void setDesktopSize(int widthPx, int heightPx);

    // A scancode event; nullopt for what Baton's KeyInput cannot carry (the E1 prefix of
    // Pause, codes beyond one byte).
    static std::optional<KeyInput> key(uint16_t flags, uint16_t code);
    // A UTF-16 code unit pressed; the text it completes (empty for a release, a lone high
    // surrogate waiting for its low half, or a stray low surrogate).
    QString unicode(uint16_t flags, uint16_t code);
    // A mouse event: a move, a button, or a wheel turn at the last known position (clients
    // send wheel events without one).
    std::vector<PointerInput> mouse(uint16_t flags, uint16_t x, uint16_t y);
    // The extended buttons: 4 (back, XBUTTON1) and 5 (forward, XBUTTON2).
    std::vector<PointerInput> extendedMouse(uint16_t flags, uint16_t x, uint16_t y);

private:
    QPoint clamped(uint16_t x, uint16_t y) const;
    // A Move to position, unless the pointer is there already and always is false.
    void moveTo(QPoint position, bool always, std::vector<PointerInput> &events);
    // Which flag bit is which Baton button.
    struct ButtonFlag {
        uint16_t flag;
        int button;
    };
    static void appendButtons(std::span<const ButtonFlag> buttons, uint16_t flags, bool down,
                              QPoint position, std::vector<PointerInput> &events);

    int widthPx_ = 1;
    int heightPx_ = 1;
    QPoint position_;
    std::optional<char16_t> highSurrogate_;
};

} // namespace baton::rdp
