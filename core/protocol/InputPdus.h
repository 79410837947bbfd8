#pragma once

#include "core/protocol/PduTypes.h"

#include <cstddef>
#include <cstdint>
#include <variant>
#include <vector>

namespace baton::protocol {

class PduReader;
class PduWriter;

// T.128 input PDU (pduType2 28, t128.md §6.1): numberEvents(2) | pad2(2) | events, each
// 12 bytes: eventTime(4) | messageType(2) | 6 bytes. Coordinates are in the host's
// shared-area coordinates. Only the floor holder's input is injected (the host checks).

// messageType 0x0004: keyboardFlags(2) | keyCode(2) | pad2(2).
// messageType 0x0005: keyboardFlags(2) | unicodeCode(2) | pad2(2).
struct KeyboardFlags {
    static constexpr uint16_t kRight = 0x0001;
    static constexpr uint16_t kExtended = 0x0100;
    static constexpr uint16_t kExtended1 = 0x0200;
    static constexpr uint16_t kQuiet = 0x1000;
    static constexpr uint16_t kDown = 0x4000; // the key was already down (repeat)
    static constexpr uint16_t kRelease = 0x8000;
    static constexpr uint16_t kAll = kRight | kExtended | kExtended1 | kQuiet | kDown | kRelease;
};

struct ScancodeEvent {
    static constexpr uint16_t kMessageType = 0x0004;
    uint16_t flags = 0;
    uint16_t keyCode = 0;
    friend bool operator==(const ScancodeEvent &, const ScancodeEvent &) = default;
};

struct UnicodeEvent {
    static constexpr uint16_t kMessageType = 0x0005;
    uint16_t flags = 0;
    uint16_t codeUnit = 0; // UTF-16 code unit
    friend bool operator==(const UnicodeEvent &, const UnicodeEvent &) = default;
};

// messageType 0x8001: pointerFlags(2) | x(2) | y(2), without the wheel bits.
struct MouseEvent {
    static constexpr uint16_t kMessageType = 0x8001;
    static constexpr uint16_t kMove = 0x0800;
    static constexpr uint16_t kButton1 = 0x1000; // left
    static constexpr uint16_t kButton2 = 0x2000; // right
    static constexpr uint16_t kButton3 = 0x4000; // middle
    static constexpr uint16_t kDown = 0x8000;
    static constexpr uint16_t kAll = kMove | kButton1 | kButton2 | kButton3 | kDown;
    uint16_t flags = kMove;
    uint16_t x = 0;
    uint16_t y = 0;
    friend bool operator==(const MouseEvent &, const MouseEvent &) = default;
};

// messageType 0x8002: flags(2) | x(2) | y(2): the fourth and fifth buttons.
struct ExtendedMouseEvent {
    static constexpr uint16_t kMessageType = 0x8002;
    static constexpr uint16_t kButton1 = 0x0001; // "back"
    static constexpr uint16_t kButton2 = 0x0002; // "forward"
    static constexpr uint16_t kDown = 0x8000;
    static constexpr uint16_t kAll = kButton1 | kButton2 | kDown;
    uint16_t flags = 0;
    uint16_t x = 0;
    uint16_t y = 0;
    friend bool operator==(const ExtendedMouseEvent &, const ExtendedMouseEvent &) = default;
};

// A mouse event (0x8001) with WHEEL 0x0200 or HWHEEL 0x0400 and a 9-bit two's complement
// rotation in the low bits (positive = away from the user / to the right; 120 = one notch).
struct WheelEvent {
    static constexpr uint16_t kMessageType = MouseEvent::kMessageType;
    static constexpr uint16_t kWheel = 0x0200;
    static constexpr uint16_t kHorizontalWheel = 0x0400;
    static constexpr int16_t kMinDelta = -256;
    static constexpr int16_t kMaxDelta = 255;
    bool horizontal = false;
    int16_t delta = 0;
    uint16_t x = 0;
    uint16_t y = 0;
    friend bool operator==(const WheelEvent &, const WheelEvent &) = default;
};

struct InputEvent {
    uint32_t eventTimeMs = 0;
    std::variant<ScancodeEvent, UnicodeEvent, MouseEvent, ExtendedMouseEvent, WheelEvent> event;
    friend bool operator==(const InputEvent &, const InputEvent &) = default;
};

struct InputPdu {
    static constexpr PduType2 kType2 = PduType2::Input;
    static constexpr size_t kEventBytes = 12;
    static constexpr size_t kMaxEvents = 256;
    std::vector<InputEvent> events;

    void write(PduWriter &w) const;
    static InputPdu read(PduReader &r);
    friend bool operator==(const InputPdu &, const InputPdu &) = default;
};

} // namespace baton::protocol
