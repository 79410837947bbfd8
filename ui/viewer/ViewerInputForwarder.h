#pragma once

#include <QObject>
#include <QPointer>

class QKeyEvent;
class QMouseEvent;
class QWheelEvent;

namespace baton {
class ViewerSession;
class ViewerWidget;
} // namespace baton

namespace baton::ui {

// Sends the keyboard and pointer input a ViewerWidget receives to the host, in the
// shared window's pixels, while it is enabled (the viewer holds the floor); otherwise the
// widget behaves like any other and nothing is sent. Keys travel as set-1 scancodes: the
// X11 keycode when the platform gives one (physical, layout-independent), else the US key
// that produces the Qt key, else the typed text as Unicode.
//
// Tab is forwarded too, so keyboard focus leaves the picture only through the window's
// own shortcuts and menus (which are not forwarded: the application sees them first).
class ViewerInputForwarder : public QObject {
    Q_OBJECT
public:
    explicit ViewerInputForwarder(ViewerWidget *canvas, QObject *parent = nullptr);

    void setSession(ViewerSession *session);
    void setEnabled(bool enabled);
    bool isEnabled() const { return enabled_; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void forwardKey(const QKeyEvent &event, bool pressed);
    void forwardMouse(const QMouseEvent &event);
    void forwardWheel(const QWheelEvent &event);

    QPointer<ViewerWidget> canvas_;
    QPointer<ViewerSession> session_;
    bool enabled_ = false;
};

} // namespace baton::ui
