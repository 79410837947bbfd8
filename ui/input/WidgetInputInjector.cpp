#include "ui/input/WidgetInputInjector.h"

#include "ui/input/QtKeyMap.h"

#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

#include <algorithm>
#include <set>

namespace baton {
namespace {

Qt::MouseButton qtButton(int button)
{
    switch (button) {
    case 1:
        return Qt::LeftButton;
    case 2:
        return Qt::MiddleButton;
    case 3:
        return Qt::RightButton;
    case 4:
        return Qt::BackButton;
    case 5:
        return Qt::ForwardButton;
    default:
        return Qt::NoButton;
    }
}

Qt::KeyboardModifier modifierFor(int key)
{
    switch (key) {
    case Qt::Key_Shift:
        return Qt::ShiftModifier;
    case Qt::Key_Control:
        return Qt::ControlModifier;
    case Qt::Key_Alt:
        return Qt::AltModifier;
    default:
        return Qt::NoModifier;
    }
}

} // namespace

WidgetInputInjector::WidgetInputInjector(QWidget *window) : window_(window)
{
}

QWidget *WidgetInputInjector::keyTarget() const
{
    QWidget *focus = window_->focusWidget();
    return focus ? focus : window_.data();
}

void WidgetInputInjector::sendKey(QEvent::Type type, int key, const QString &text)
{
    QKeyEvent event(type, key, modifiers_, text);
    QApplication::sendEvent(keyTarget(), &event);
}

bool WidgetInputInjector::key(const KeyInput &key)
{
    if (!window_)
        return fail(QStringLiteral("the shared widget is gone"));
    const std::optional<QtKey> qtKey = qtKeyFromScancode(key.scancode, key.extended);
    if (!qtKey)
        return fail(QStringLiteral("unknown scancode 0x%1").arg(key.scancode, 0, 16));
    if (const Qt::KeyboardModifier modifier = modifierFor(qtKey->key); modifier != Qt::NoModifier)
        modifiers_.setFlag(modifier, key.pressed);
    const bool shift = modifiers_.testFlag(Qt::ShiftModifier);
    const bool command = modifiers_ & (Qt::ControlModifier | Qt::AltModifier);
    const QString text = command ? QString() : (shift ? qtKey->shifted : qtKey->text);
    sendKey(key.pressed ? QEvent::KeyPress : QEvent::KeyRelease, qtKey->key, text);
    return true;
}

bool WidgetInputInjector::text(const QString &text)
{
    if (!window_)
        return fail(QStringLiteral("the shared widget is gone"));
    window_->activateWindow();
    for (const QChar c : text) {
        const bool newline = c == u'\n' || c == u'\r';
        const int key = newline ? int(Qt::Key_Return) : int(Qt::Key_unknown);
        const QString typed = newline ? QStringLiteral("\r") : QString(c);
        sendKey(QEvent::KeyPress, key, typed);
        sendKey(QEvent::KeyRelease, key, typed);
    }
    return true;
}

bool WidgetInputInjector::pointer(const PointerInput &pointer)
{
    if (!window_)
        return fail(QStringLiteral("the shared widget is gone"));
    const QPoint position(std::clamp(pointer.position.x(), 0, window_->width() - 1),
                          std::clamp(pointer.position.y(), 0, window_->height() - 1));
    lastPosition_ = position;
    QWidget *child = window_->childAt(position);
    QWidget *target = grabber_ ? grabber_.data() : (child ? child : window_.data());
    const QPointF local = target->mapFrom(window_, QPointF(position));
    const QPointF global = window_->mapToGlobal(QPointF(position));

    switch (pointer.type) {
    case PointerInput::Type::Move: {
        QMouseEvent event(QEvent::MouseMove, local, QPointF(position), global, Qt::NoButton,
                          buttons_, modifiers_);
        QApplication::sendEvent(target, &event);
        return true;
    }
    case PointerInput::Type::Press:
    case PointerInput::Type::Release: {
        const Qt::MouseButton button = qtButton(pointer.button);
        if (button == Qt::NoButton)
            return fail(QStringLiteral("unknown pointer button %1").arg(pointer.button));
        const bool press = pointer.type == PointerInput::Type::Press;
        if (press) {
            window_->raise();
            window_->activateWindow();
        }
        buttons_.setFlag(button, press);
        if (press)
            pressedButtons_.insert(pointer.button);
        else
            pressedButtons_.erase(pointer.button);
        QMouseEvent event(press ? QEvent::MouseButtonPress : QEvent::MouseButtonRelease, local,
                          QPointF(position), global, button, buttons_, modifiers_);
        QApplication::sendEvent(target, &event);
        grabber_ = buttons_ == Qt::NoButton ? nullptr : target;
        return true;
    }
    case PointerInput::Type::Wheel: {
        QWheelEvent event(local, global, QPoint(), QPoint(pointer.wheelDeltaX, pointer.wheelDeltaY),
                          buttons_, modifiers_, Qt::NoScrollPhase, false);
        QApplication::sendEvent(target, &event);
        return true;
    }
    }
    return true;
}

void WidgetInputInjector::releaseAll()
{
    for (const int button : std::set<int>(pressedButtons_))
        pointer({PointerInput::Type::Release, lastPosition_, button, 0, 0});
    if (window_) {
        for (const int key : {int(Qt::Key_Shift), int(Qt::Key_Control), int(Qt::Key_Alt)}) {
            if (modifiers_.testFlag(modifierFor(key))) {
                modifiers_.setFlag(modifierFor(key), false);
                sendKey(QEvent::KeyRelease, key, QString());
            }
        }
    }
}

bool WidgetInputInjector::fail(const QString &message)
{
    error_ = message;
    return false;
}

} // namespace baton
