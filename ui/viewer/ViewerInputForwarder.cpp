#include "ViewerInputForwarder.h"

#include "ViewerWidget.h"
#include "core/input/Scancodes.h"
#include "core/viewer/ViewerSession.h"
#include "ui/input/QtKeyMap.h"

#include <QGuiApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

#include <map>

namespace baton::ui {
namespace {

// X11 keycodes are evdev codes plus 8.
constexpr quint32 kX11KeycodeOffset = 8;

// The US key for each Qt key, the inverse of qtKeyFromScancode (the first scancode wins:
// the left Control, not the right one).
std::optional<KeyInput> usKeyForQtKey(int key)
{
    static const std::map<int, KeyInput> keys = [] {
        std::map<int, KeyInput> table;
        for (const bool extended : {false, true})
            for (uint16_t scancode = 1; scancode < 0x80; ++scancode)
                if (const auto qtKey = qtKeyFromScancode(scancode, extended))
                    table.emplace(qtKey->key, KeyInput{scancode, extended, true});
        return table;
    }();
    const auto found = keys.find(key);
    return found == keys.end() ? std::nullopt : std::optional(found->second);
}

std::optional<KeyInput> physicalKey(const QKeyEvent &event)
{
    if (QGuiApplication::platformName() != QLatin1String("xcb") ||
        event.nativeScanCode() <= kX11KeycodeOffset)
        return std::nullopt;
    KeyInput key;
    const auto scancode =
        scancodeFromEvdev(uint16_t(event.nativeScanCode() - kX11KeycodeOffset), &key.extended);
    if (!scancode)
        return std::nullopt;
    key.scancode = *scancode;
    return key;
}

// Text a key typed by itself, without Control or Alt: sent as Unicode when the platform
// gives no physical key, so that the host sees the character the viewer's layout made.
bool isPlainText(const QKeyEvent &event)
{
    return !event.text().isEmpty() && event.text().at(0).isPrint() &&
        !(event.modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
}

int buttonNumber(Qt::MouseButton button)
{
    switch (button) {
    case Qt::LeftButton:
        return 1;
    case Qt::MiddleButton:
        return 2;
    case Qt::RightButton:
        return 3;
    case Qt::BackButton:
        return 4;
    case Qt::ForwardButton:
        return 5;
    default:
        return 0;
    }
}

} // namespace

ViewerInputForwarder::ViewerInputForwarder(ViewerWidget *canvas, QObject *parent)
    : QObject(parent), canvas_(canvas)
{
    canvas->installEventFilter(this);
}

void ViewerInputForwarder::setSession(ViewerSession *session)
{
    session_ = session;
}

void ViewerInputForwarder::setEnabled(bool enabled)
{
    enabled_ = enabled;
    if (!canvas_)
        return;
    // Moves are only worth sending while in control; focus by click or Tab only then too.
    canvas_->setMouseTracking(enabled);
    canvas_->setFocusPolicy(enabled ? Qt::StrongFocus : Qt::NoFocus);
}

bool ViewerInputForwarder::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != canvas_ || !enabled_ || !session_)
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
        forwardKey(*static_cast<QKeyEvent *>(event), event->type() == QEvent::KeyPress);
        return true;
    case QEvent::MouseMove:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseButtonRelease:
        forwardMouse(*static_cast<QMouseEvent *>(event));
        return true;
    case QEvent::Wheel:
        forwardWheel(*static_cast<QWheelEvent *>(event));
        return true;
    default:
        return QObject::eventFilter(watched, event);
    }
}

void ViewerInputForwarder::forwardKey(const QKeyEvent &event, bool pressed)
{
    if (auto key = physicalKey(event)) {
        key->pressed = pressed;
        session_->sendKey(*key);
        return;
    }
    if (isPlainText(event)) {
        if (pressed)
            session_->sendText(event.text());
        return;
    }
    if (auto key = usKeyForQtKey(event.key())) {
        key->pressed = pressed;
        session_->sendKey(*key);
    }
}

void ViewerInputForwarder::forwardMouse(const QMouseEvent &event)
{
    PointerInput pointer;
    switch (event.type()) {
    case QEvent::MouseMove:
        pointer.type = PointerInput::Type::Move;
        break;
    case QEvent::MouseButtonRelease:
        pointer.type = PointerInput::Type::Release;
        break;
    default: // a double click is a second press to the host
        pointer.type = PointerInput::Type::Press;
        break;
    }
    pointer.button = buttonNumber(event.button());
    if (pointer.type != PointerInput::Type::Move && pointer.button == 0)
        return;
    // A press must land on the picture; moves and releases that leave it (a drag) are
    // clamped to its edge, as a grab on the host would report them.
    const auto pixel =
        canvas_->toPicture(event.position(), pointer.type != PointerInput::Type::Press);
    if (!pixel)
        return;
    pointer.position = *pixel;
    if (pointer.type == PointerInput::Type::Press) {
        // The host needs to see where the press is before the press itself.
        PointerInput move = pointer;
        move.type = PointerInput::Type::Move;
        move.button = 0;
        session_->sendPointer(move);
    }
    session_->sendPointer(pointer);
}

void ViewerInputForwarder::forwardWheel(const QWheelEvent &event)
{
    const auto pixel = canvas_->toPicture(event.position());
    if (!pixel)
        return;
    PointerInput pointer;
    pointer.type = PointerInput::Type::Wheel;
    pointer.position = *pixel;
    pointer.wheelDeltaX = event.angleDelta().x();
    pointer.wheelDeltaY = event.angleDelta().y();
    session_->sendPointer(pointer);
}

} // namespace baton::ui
