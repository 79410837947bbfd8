#pragma once

#include "core/input/InputInjector.h"

#include <QEvent>
#include <QPointer>
#include <QWidget>

#include <set>

namespace baton {

// Injects input into an in-process widget (the demo application) as synthetic Qt
// events, the way the widget source is shared without any window system. Runs on the
// GUI thread. Keys follow the US layout (QtKeyMap); a press of a mouse button sends
// the following moves and the release to the widget that got the press, as a real
// implicit grab would.
class WidgetInputInjector final : public InputInjector {
public:
    explicit WidgetInputInjector(QWidget *window);

    bool key(const KeyInput &key) override;
    bool text(const QString &text) override;
    bool pointer(const PointerInput &pointer) override;
    void releaseAll() override;
    QString errorString() const override { return error_; }

private:
    QWidget *keyTarget() const;
    void sendKey(QEvent::Type type, int key, const QString &text);
    bool fail(const QString &message);

    QPointer<QWidget> window_;
    QPointer<QWidget> grabber_;
    Qt::KeyboardModifiers modifiers_;
    Qt::MouseButtons buttons_;
    std::set<int> pressedButtons_; // PointerInput numbering, 1-5
    QPoint lastPosition_;
    QString error_;
};

} // namespace baton
