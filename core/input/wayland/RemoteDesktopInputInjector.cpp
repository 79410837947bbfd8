#include "core/input/wayland/RemoteDesktopInputInjector.h"

#include "core/capture/wayland/ScreenCastSession.h"
#include "core/input/Keysyms.h"
#include "core/input/Scancodes.h"

#include <QRect>

#include <algorithm>

namespace baton {
namespace {

// linux/input-event-codes.h, which is Linux's alone; the codes are the same wherever a
// compositor takes them.
constexpr int kBtnLeft = 0x110;
constexpr int kBtnRight = 0x111;
constexpr int kBtnMiddle = 0x112;
constexpr int kBtnSide = 0x113;
constexpr int kBtnExtra = 0x114;
constexpr int kLeftShift = 42; // KEY_LEFTSHIFT

} // namespace

std::optional<int> evdevButtonFor(int button)
{
    switch (button) {
    case 1:
        return kBtnLeft;
    case 2:
        return kBtnMiddle;
    case 3:
        return kBtnRight;
    case 4:
        return kBtnSide;
    case 5:
        return kBtnExtra;
    default:
        return std::nullopt;
    }
}

std::unique_ptr<RemoteDesktopInputInjector>
RemoteDesktopInputInjector::create(ScreenCastSession &session, PictureSize pictureSize,
                                   QString *error)
{
    if (!session.canInject()) {
        *error = QStringLiteral("the compositor did not grant input into the %1 stream")
                     .arg(session.backendName());
        return nullptr;
    }
    std::unique_ptr<RemoteDesktopInputInjector> injector(
        new RemoteDesktopInputInjector(session, std::move(pictureSize)));
    // The compositor gives its seat the session's virtual keyboard on the first key, and
    // the window is told of that keyboard only after: without this tap of Shift (which
    // types nothing), a viewer's first keys are lost on a desktop with no keyboard of its
    // own (headless mutter).
    injector->sendKey(kLeftShift, true);
    injector->sendKey(kLeftShift, false);
    return injector;
}

RemoteDesktopInputInjector::RemoteDesktopInputInjector(ScreenCastSession &session,
                                                       PictureSize pictureSize)
    : session_(session), pictureSize_(std::move(pictureSize))
{
}

RemoteDesktopInputInjector::~RemoteDesktopInputInjector()
{
    releaseAll();
}

bool RemoteDesktopInputInjector::key(const KeyInput &key)
{
    const std::optional<uint16_t> evdev = evdevFromScancode(key.scancode, key.extended);
    if (!evdev)
        return fail(QStringLiteral("unknown scancode 0x%1").arg(key.scancode, 0, 16));
    // A held key's release goes wherever its press went.
    if (!keysReachWindow_ && !(pressedKeys_.contains(*evdev) && !key.pressed))
        return notFocused();
    return sendKey(*evdev, key.pressed);
}

bool RemoteDesktopInputInjector::text(const QString &text)
{
    if (!keysReachWindow_)
        return notFocused();
    for (const char32_t character : text.toUcs4()) {
        if (!sendKeysym(keysymForCharacter(character)))
            return false;
    }
    return true;
}

bool RemoteDesktopInputInjector::pointer(const PointerInput &pointer)
{
    const QSize size = pictureSize_ ? pictureSize_() : QSize();
    if (size.isEmpty())
        return fail(QStringLiteral("the stream's size is not known yet"));
    const QPoint position = pointer.position;
    const bool inside = QRect(QPoint(0, 0), size).contains(position);
    const QPoint clamped(std::clamp(position.x(), 0, size.width() - 1),
                         std::clamp(position.y(), 0, size.height() - 1));
    const auto outside = [&] {
        return fail(QStringLiteral("(%1, %2) is outside the shared window (%3x%4)")
                        .arg(position.x())
                        .arg(position.y())
                        .arg(size.width())
                        .arg(size.height()));
    };

    switch (pointer.type) {
    case PointerInput::Type::Move:
        return moveTo(clamped);
    case PointerInput::Type::Press:
    case PointerInput::Type::Release: {
        const std::optional<int> button = evdevButtonFor(pointer.button);
        if (!button)
            return fail(QStringLiteral("unknown pointer button %1").arg(pointer.button));
        const bool press = pointer.type == PointerInput::Type::Press;
        // The compositor's implicit grab sends a held button's release to the window
        // wherever the pointer is; clamped, it cannot go anywhere else either.
        if (!inside && (press || !pressedButtons_.contains(*button)))
            return outside();
        if (!moveTo(clamped) || !sendButton(*button, press))
            return false;
        // A press inside gives the window the compositor's keyboard focus.
        keysReachWindow_ = keysReachWindow_ || press;
        return true;
    }
    case PointerInput::Type::Wheel:
        if (!inside)
            return outside();
        return moveTo(clamped) && wheel(pointer);
    }
    return fail(QStringLiteral("unknown pointer event"));
}

void RemoteDesktopInputInjector::releaseAll()
{
    for (const int button : std::set<int>(pressedButtons_))
        sendButton(button, false);
    for (const int key : std::set<int>(pressedKeys_))
        sendKey(key, false);
    // What the session refused to release is gone with it: nothing is held any more.
    pressedButtons_.clear();
    pressedKeys_.clear();
    // The floor changes hands here: the next holder's keys wait for their own click.
    keysReachWindow_ = false;
}

bool RemoteDesktopInputInjector::notFocused()
{
    return fail(QStringLiteral("keys wait for a click into the shared window: on Wayland they "
                               "go to whichever window has the focus"));
}

bool RemoteDesktopInputInjector::sendKey(int evdevKey, bool pressed)
{
    if (!sent(session_.notifyKeyboardKeycode(evdevKey, pressed)))
        return false;
    if (pressed)
        pressedKeys_.insert(evdevKey);
    else
        pressedKeys_.erase(evdevKey);
    return true;
}

bool RemoteDesktopInputInjector::sendKeysym(uint32_t keysym)
{
    return sent(session_.notifyKeyboardKeysym(keysym, true)) &&
        sent(session_.notifyKeyboardKeysym(keysym, false));
}

bool RemoteDesktopInputInjector::sendButton(int evdevButton, bool pressed)
{
    if (!sent(session_.notifyPointerButton(evdevButton, pressed)))
        return false;
    if (pressed)
        pressedButtons_.insert(evdevButton);
    else
        pressedButtons_.erase(evdevButton);
    return true;
}

bool RemoteDesktopInputInjector::moveTo(QPoint position)
{
    return sent(session_.notifyPointerMotionAbsolute(QPointF(position)));
}

bool RemoteDesktopInputInjector::wheel(const PointerInput &pointer)
{
    const QPoint notches = wheel_.add(pointer.wheelDeltaX, pointer.wheelDeltaY);
    // No call for zero notches: mutter takes a discrete axis event of 0 steps for an
    // invalid request.
    if (notches.y() != 0 && !sent(session_.notifyPointerAxisDiscrete(Qt::Vertical, notches.y())))
        return false;
    if (notches.x() != 0 && !sent(session_.notifyPointerAxisDiscrete(Qt::Horizontal, notches.x())))
        return false;
    return true;
}

bool RemoteDesktopInputInjector::sent(bool ok)
{
    if (!ok)
        return fail(session_.errorString());
    lastSentAt_ = Clock::now();
    return true;
}

bool RemoteDesktopInputInjector::fail(const QString &message)
{
    error_ = message;
    return false;
}

} // namespace baton
