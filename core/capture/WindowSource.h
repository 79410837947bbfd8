#pragma once

#include "core/capture/CapturedFrame.h"
#include "core/capture/CursorState.h"
#include "core/capture/SharedWindow.h"
#include "core/capture/WindowEvent.h"
#include "core/capture/WindowInfo.h"

#include <QObject>
#include <QString>

namespace baton {

// Pixels, damage, events and the cursor of one shared window. Backends: X11 (xcb
// Composite + MIT-SHM + Damage + XFixes), Qt's QScreen::grabWindow fallback, the
// in-process widget source (ui/capture) and the synthetic source; Windows
// (Windows.Graphics.Capture) and macOS (ScreenCaptureKit) fit the same shape — see
// docs/capture.md.
//
// Threading: a source lives on one thread (its session's own thread, where diffing and
// encoding run too; the Share panel's thumbnailer uses sources on its thread) and every
// call, signal and returned view belongs to that thread. Backends that receive events
// asynchronously deliver them there through the event loop.
//
// Pull model: the consumer calls captureFrame() when it wants a frame (paced by
// damaged() and its frame-rate cap). A source never queues frames: the newest pixels
// win, and damage accumulates until the next capture.
class WindowSource : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    ~WindowSource() override = default;

    // A short name for logs and statistics ("x11", "qt", "widget", "synthetic").
    virtual QString backendName() const = 0;

    // Starts watching the window. Returns false, with errorString() set, when the window
    // is gone or the backend cannot capture it. Calling start() twice is harmless.
    virtual bool start() = 0;
    // Stops watching and releases platform resources; views handed out become invalid.
    virtual void stop() = 0;
    virtual bool isActive() const = 0;
    virtual QString errorString() const = 0;

    // The window as it is now (geometry follows moves and resizes). Its geometry is the
    // share's picture on the desktop: the window itself, or for an application share
    // the box around the application's windows.
    virtual WindowInfo window() const = 0;

    // The windows the picture shows, topmost first, in picture coordinates. The default
    // is the one window, filling the picture.
    virtual SharedWindows sharedWindows() const;

    // Grabs the window's newest pixels and the damage accumulated since the previous
    // call. Returns false while the window is hidden, after it closed, or on a capture
    // error (errorString() says which); frame is then left untouched.
    virtual bool captureFrame(CapturedFrame &frame) = 0;

    // The pointer's position relative to the window and its image.
    virtual CursorState cursor() = 0;

signals:
    // The window's pixels changed since the last captureFrame(): capture soon.
    void damaged();
    // Moved, resized, hidden, shown, closed, or the application's windows rearranged.
    void windowEvent(const baton::WindowEvent &event);
    // The cursor's image changed (positions are polled through cursor()).
    void cursorChanged();
};

} // namespace baton
