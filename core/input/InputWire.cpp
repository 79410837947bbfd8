#include "InputWire.h"

#include "InputInjector.h"
#include "UsKeyboard.h"

#include <algorithm>

namespace baton {

using namespace protocol;

namespace {

uint16_t coordinate(int value)
{
    return uint16_t(std::clamp(value, 0, 0xffff));
}

InputEvent event(std::variant<ScancodeEvent, UnicodeEvent, MouseEvent, ExtendedMouseEvent, WheelEvent> e)
{
    InputEvent wrapped;
    wrapped.event = e;
    return wrapped;
}

// T.128's button bits: 1 left, 2 right, 3 middle; ours: 1 left, 2 middle, 3 right.
uint16_t mouseButtonFlag(int button)
{
    switch (button) {
    case 1:
        return MouseEvent::kButton1;
    case 2:
        return MouseEvent::kButton3;
    case 3:
        return MouseEvent::kButton2;
    default:
        return 0;
    }
}

void appendWheel(bool horizontal, int delta, const PointerInput &pointer,
                 std::vector<InputEvent> &out)
{
    // A large rotation travels as several events within the 9-bit range.
    while (delta != 0) {
        const int step = std::clamp(delta, int(WheelEvent::kMinDelta), int(WheelEvent::kMaxDelta));
        WheelEvent wheel;
        wheel.horizontal = horizontal;
        wheel.delta = int16_t(step);
        wheel.x = coordinate(pointer.position.x());
        wheel.y = coordinate(pointer.position.y());
        out.push_back(event(wheel));
        delta -= step;
    }
}

} // namespace

namespace inputwire {

std::vector<InputEvent> fromKey(const KeyInput &key)
{
    ScancodeEvent scancode;
    scancode.keyCode = key.scancode;
    scancode.flags = uint16_t((key.extended ? KeyboardFlags::kExtended : 0) |
                              (key.pressed ? 0 : KeyboardFlags::kRelease));
    return {event(scancode)};
}

std::vector<InputEvent> fromText(const QString &text)
{
    std::vector<InputEvent> events;
    for (const QChar unit : text) {
        events.push_back(event(UnicodeEvent{0, unit.unicode()}));
        events.push_back(event(UnicodeEvent{KeyboardFlags::kRelease, unit.unicode()}));
    }
    return events;
}

std::vector<InputEvent> fromPointer(const PointerInput &pointer)
{
    std::vector<InputEvent> events;
    const uint16_t x = coordinate(pointer.position.x());
    const uint16_t y = coordinate(pointer.position.y());
    switch (pointer.type) {
    case PointerInput::Type::Move:
        events.push_back(event(MouseEvent{MouseEvent::kMove, x, y}));
        break;
    case PointerInput::Type::Press:
    case PointerInput::Type::Release: {
        const bool down = pointer.type == PointerInput::Type::Press;
        if (pointer.button >= 4 && pointer.button <= 5) {
            const uint16_t flag = pointer.button == 4 ? ExtendedMouseEvent::kButton1
                                                      : ExtendedMouseEvent::kButton2;
            events.push_back(event(ExtendedMouseEvent{uint16_t(flag | (down ? ExtendedMouseEvent::kDown : 0)), x, y}));
        } else if (const uint16_t flag = mouseButtonFlag(pointer.button)) {
            events.push_back(event(MouseEvent{uint16_t(flag | (down ? MouseEvent::kDown : 0)), x, y}));
        }
        break;
    }
    case PointerInput::Type::Wheel:
        appendWheel(false, pointer.wheelDeltaY, pointer, events);
        appendWheel(true, pointer.wheelDeltaX, pointer, events);
        break;
    }
    return events;
}

std::vector<InputEvent> fromTypedText(const QString &text)
{
    std::vector<InputEvent> events;
    auto key = [&events](uint16_t scancode, bool pressed) {
        const auto more = fromKey({scancode, false, pressed});
        events.insert(events.end(), more.begin(), more.end());
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (const auto us = usKeyFor(c)) {
            if (us->shift)
                key(kScancodeLeftShift, true);
            key(us->scancode, true);
            key(us->scancode, false);
            if (us->shift)
                key(kScancodeLeftShift, false);
            continue;
        }
        const bool pair = c.isHighSurrogate() && i + 1 < text.size();
        const auto more = fromText(text.mid(i, pair ? 2 : 1));
        events.insert(events.end(), more.begin(), more.end());
        i += pair ? 1 : 0;
    }
    return events;
}

} // namespace inputwire

int InputReplayer::replay(const InputPdu &pdu, InputInjector &injector)
{
    int refused = 0;
    for (const InputEvent &input : pdu.events) {
        bool ok = true;
        if (const auto *scancode = std::get_if<ScancodeEvent>(&input.event)) {
            ok = injector.key({scancode->keyCode, bool(scancode->flags & KeyboardFlags::kExtended),
                               !(scancode->flags & KeyboardFlags::kRelease)});
        } else if (const auto *unicode = std::get_if<UnicodeEvent>(&input.event)) {
            if (unicode->flags & KeyboardFlags::kRelease)
                continue; // the press typed the character
            const char16_t unit = unicode->codeUnit;
            if (QChar::isHighSurrogate(unit)) {
                pendingHighSurrogate_ = unit;
                continue;
            }
            QString text;
            if (QChar::isLowSurrogate(unit) && pendingHighSurrogate_ != 0)
                text = QString(QChar(pendingHighSurrogate_)) + QChar(unit);
            else if (!QChar::isSurrogate(unit))
                text = QString(QChar(unit));
            pendingHighSurrogate_ = 0;
            if (!text.isEmpty())
                ok = injector.text(text);
        } else if (const auto *mouse = std::get_if<MouseEvent>(&input.event)) {
            PointerInput pointer;
            pointer.position = {mouse->x, mouse->y};
            if (mouse->flags & MouseEvent::kMove)
                ok = injector.pointer(pointer);
            const bool down = mouse->flags & MouseEvent::kDown;
            for (const auto &[flag, button] : {std::pair{MouseEvent::kButton1, 1},
                                               std::pair{MouseEvent::kButton3, 2},
                                               std::pair{MouseEvent::kButton2, 3}}) {
                if (!(mouse->flags & flag))
                    continue;
                pointer.type = down ? PointerInput::Type::Press : PointerInput::Type::Release;
                pointer.button = button;
                ok = injector.pointer(pointer) && ok;
            }
        } else if (const auto *extended = std::get_if<ExtendedMouseEvent>(&input.event)) {
            PointerInput pointer;
            pointer.position = {extended->x, extended->y};
            pointer.type = (extended->flags & ExtendedMouseEvent::kDown) ? PointerInput::Type::Press
                                                                         : PointerInput::Type::Release;
            pointer.button = (extended->flags & ExtendedMouseEvent::kButton1) ? 4 : 5;
            ok = injector.pointer(pointer);
        } else if (const auto *wheel = std::get_if<WheelEvent>(&input.event)) {
            PointerInput pointer;
            pointer.type = PointerInput::Type::Wheel;
            pointer.position = {wheel->x, wheel->y};
            (wheel->horizontal ? pointer.wheelDeltaX : pointer.wheelDeltaY) = wheel->delta;
            ok = injector.pointer(pointer);
        }
        refused += ok ? 0 : 1;
    }
    return refused;
}

} // namespace baton
