#include "core/rdp/RdpInputMapper.h"

#include <algorithm>
#include <freerdp/input.h>

namespace baton::rdp {

void RdpInputMapper::setDesktopSize(int widthPx, int heightPx)
{
    widthPx_ = std::max(widthPx, 1);
    heightPx_ = std::max(heightPx, 1);
    position_ = clamped(static_cast<uint16_t>(position_.x()), static_cast<uint16_t>(position_.y()));
}

std::optional<KeyInput> RdpInputMapper::key(uint16_t flags, uint16_t code)
{
    if ((flags & KBD_FLAGS_EXTENDED1) || code == 0 || code > 0xFF)
        return std::nullopt;
    KeyInput key;
    key.scancode = code;
    key.extended = (flags & KBD_FLAGS_EXTENDED) != 0;
    key.pressed = (flags & KBD_FLAGS_RELEASE) == 0;
    return key;
}

QString RdpInputMapper::unicode(uint16_t flags, uint16_t code)
{
    if (flags & KBD_FLAGS_RELEASE)
        return {};
    const char16_t unit = code;
    if (QChar::isHighSurrogate(unit)) {
        highSurrogate_ = unit;
        return {};
    }
    if (QChar::isLowSurrogate(unit)) {
        const std::optional<char16_t> high = std::exchange(highSurrogate_, std::nullopt);
        if (!high)
            return {};
        const QChar pair[] = {QChar(*high), QChar(unit)};
        return QString(pair, 2);
    }
    highSurrogate_.reset();
    if (unit == 0)
        return {};
    return QString(QChar(unit));
}

std::vector<PointerInput> RdpInputMapper::mouse(uint16_t flags, uint16_t x, uint16_t y)
{
    std::vector<PointerInput> events;
    if (flags & (PTR_FLAGS_WHEEL | PTR_FLAGS_HWHEEL)) {
        // A 9-bit two's complement rotation: positive turns the wheel away from the user
        // (up), or to the right for the horizontal wheel, in 1/120 notches as in Baton.
        int rotation = flags & WheelRotationMask;
        if (rotation & PTR_FLAGS_WHEEL_NEGATIVE)
            rotation -= 0x200;
        PointerInput wheel;
        wheel.type = PointerInput::Type::Wheel;
        wheel.position = position_;
        if (flags & PTR_FLAGS_HWHEEL)
            wheel.wheelDeltaX = rotation;
        else
            wheel.wheelDeltaY = rotation;
        events.push_back(wheel);
        return events;
    }
    const QPoint position = clamped(x, y);
    moveTo(position, (flags & PTR_FLAGS_MOVE) != 0, events);
    // RDP numbers the buttons left, right, middle; Baton (like X) left, middle, right.
    static constexpr ButtonFlag kButtons[] = {
        {PTR_FLAGS_BUTTON1, 1}, {PTR_FLAGS_BUTTON3, 2}, {PTR_FLAGS_BUTTON2, 3}};
    appendButtons(kButtons, flags, (flags & PTR_FLAGS_DOWN) != 0, position, events);
    return events;
}

std::vector<PointerInput> RdpInputMapper::extendedMouse(uint16_t flags, uint16_t x, uint16_t y)
{
    std::vector<PointerInput> events;
    const QPoint position = clamped(x, y);
    moveTo(position, false, events);
    static constexpr ButtonFlag kButtons[] = {{PTR_XFLAGS_BUTTON1, 4}, {PTR_XFLAGS_BUTTON2, 5}};
    appendButtons(kButtons, flags, (flags & PTR_XFLAGS_DOWN) != 0, position, events);
    return events;
}

void RdpInputMapper::moveTo(QPoint position, bool always, std::vector<PointerInput> &events)
{
    if (!always && position == position_)
        return;
    position_ = position;
    PointerInput move;
    move.type = PointerInput::Type::Move;
    move.position = position;
    events.push_back(move);
}

void RdpInputMapper::appendButtons(std::span<const ButtonFlag> buttons, uint16_t flags, bool down,
                                   QPoint position, std::vector<PointerInput> &events)
{
    for (const ButtonFlag &entry : buttons) {
        if (!(flags & entry.flag))
            continue;
        PointerInput button;
        button.type = down ? PointerInput::Type::Press : PointerInput::Type::Release;
        button.position = position;
        button.button = entry.button;
        events.push_back(button);
    }
}

QPoint RdpInputMapper::clamped(uint16_t x, uint16_t y) const
{
    return {std::min<int>(x, widthPx_ - 1), std::min<int>(y, heightPx_ - 1)};
}

} // namespace baton::rdp
