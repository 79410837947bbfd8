#include "core/protocol/InputPdus.h"

#include "core/protocol/PduReader.h"
#include "core/protocol/PduWriter.h"

namespace baton::protocol {

namespace {

void checkFlags(PduWriter &w, uint16_t flags, uint16_t allowed, const char *what)
{
    if ((flags & ~allowed) != 0)
        w.fail(ErrorCode::BadValue, what);
}

void writeEvent(PduWriter &w, const ScancodeEvent &e)
{
    checkFlags(w, e.flags, KeyboardFlags::kAll, "keyboard flags");
    w.u16(ScancodeEvent::kMessageType);
    w.u16(e.flags);
    w.u16(e.keyCode);
    w.zeros(2);
}

void writeEvent(PduWriter &w, const UnicodeEvent &e)
{
    checkFlags(w, e.flags, KeyboardFlags::kAll, "keyboard flags");
    w.u16(UnicodeEvent::kMessageType);
    w.u16(e.flags);
    w.u16(e.codeUnit);
    w.zeros(2);
}

void writeEvent(PduWriter &w, const MouseEvent &e)
{
    checkFlags(w, e.flags, MouseEvent::kAll, "pointer flags");
    w.u16(MouseEvent::kMessageType);
    w.u16(e.flags);
    w.u16(e.x);
    w.u16(e.y);
}

void writeEvent(PduWriter &w, const ExtendedMouseEvent &e)
{
    checkFlags(w, e.flags, ExtendedMouseEvent::kAll, "extended pointer flags");
    w.u16(ExtendedMouseEvent::kMessageType);
    w.u16(e.flags);
    w.u16(e.x);
    w.u16(e.y);
}

void writeEvent(PduWriter &w, const WheelEvent &e)
{
    if (e.delta < WheelEvent::kMinDelta || e.delta > WheelEvent::kMaxDelta)
        w.fail(ErrorCode::BadValue, "wheel rotation");
    const uint16_t axis = e.horizontal ? WheelEvent::kHorizontalWheel : WheelEvent::kWheel;
    w.u16(WheelEvent::kMessageType);
    w.u16(uint16_t(axis | (uint16_t(e.delta) & 0x01FF)));
    w.u16(e.x);
    w.u16(e.y);
}

void readKeyboardFlags(PduReader &r, uint16_t &flags)
{
    const size_t at = r.offset();
    flags = r.u16();
    if (r.ok() && (flags & ~KeyboardFlags::kAll) != 0)
        r.failAt(at, ErrorCode::BadValue, "keyboard flags");
}

InputEvent readEvent(PduReader &r)
{
    InputEvent event;
    event.eventTimeMs = r.u32();
    const size_t typeAt = r.offset();
    const uint16_t messageType = r.u16();
    switch (messageType) {
    case ScancodeEvent::kMessageType: {
        ScancodeEvent e;
        readKeyboardFlags(r, e.flags);
        e.keyCode = r.u16();
        r.zeros(2, "scancode event pad");
        event.event = e;
        break;
    }
    case UnicodeEvent::kMessageType: {
        UnicodeEvent e;
        readKeyboardFlags(r, e.flags);
        e.codeUnit = r.u16();
        r.zeros(2, "unicode event pad");
        event.event = e;
        break;
    }
    case MouseEvent::kMessageType: {
        const size_t flagsAt = r.offset();
        const uint16_t flags = r.u16();
        const uint16_t x = r.u16();
        const uint16_t y = r.u16();
        const uint16_t axis = flags & (WheelEvent::kWheel | WheelEvent::kHorizontalWheel);
        if (axis == 0) {
            if (r.ok() && (flags & ~MouseEvent::kAll) != 0)
                r.failAt(flagsAt, ErrorCode::BadValue, "pointer flags");
            event.event = MouseEvent{flags, x, y};
        } else {
            // A wheel event carries nothing but its axis and rotation.
            if (r.ok() &&
                (axis == (WheelEvent::kWheel | WheelEvent::kHorizontalWheel) ||
                 (flags & ~(axis | 0x01FF)) != 0))
                r.failAt(flagsAt, ErrorCode::BadValue, "wheel flags");
            const int16_t delta =
                int16_t((flags & 0x0100) ? int(flags & 0x01FF) - 0x200 : int(flags & 0x00FF));
            event.event = WheelEvent{axis == WheelEvent::kHorizontalWheel, delta, x, y};
        }
        break;
    }
    case ExtendedMouseEvent::kMessageType: {
        ExtendedMouseEvent e;
        const size_t flagsAt = r.offset();
        e.flags = r.u16();
        if (r.ok() && (e.flags & ~ExtendedMouseEvent::kAll) != 0)
            r.failAt(flagsAt, ErrorCode::BadValue, "extended pointer flags");
        e.x = r.u16();
        e.y = r.u16();
        event.event = e;
        break;
    }
    default:
        if (r.ok())
            r.failAt(typeAt, ErrorCode::UnknownType, "input messageType");
        break;
    }
    return event;
}

} // namespace

void InputPdu::write(PduWriter &w) const
{
    w.count16(events.size(), kMaxEvents, "numberEvents");
    w.zeros(2);
    for (const InputEvent &event : events) {
        w.u32(event.eventTimeMs);
        std::visit([&](const auto &e) { writeEvent(w, e); }, event.event);
    }
}

InputPdu InputPdu::read(PduReader &r)
{
    InputPdu pdu;
    const size_t count = r.count(r.u16(), kMaxEvents, kEventBytes, "numberEvents");
    r.zeros(2, "input pad");
    pdu.events.reserve(count);
    for (size_t i = 0; i < count && r.ok(); ++i)
        pdu.events.push_back(readEvent(r));
    return pdu;
}

} // namespace baton::protocol
