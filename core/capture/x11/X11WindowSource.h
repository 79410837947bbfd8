#pragma once

#include "core/capture/ShareArea.h"
#include "core/capture/ShareCanvas.h"
#include "core/capture/WindowSource.h"
#include "core/capture/x11/XcbConnection.h"

#include <QByteArray>

#include <xcb/xcb.h>

#include <chrono>
#include <memory>
#include <vector>

class QSocketNotifier;
class QTimer;

namespace baton {

class X11ImageGrabber;
class X11ApplicationWindows;

struct X11CaptureOptions {
    // An X display name; empty for $DISPLAY.
    QByteArray display = {};
    // Use MIT-SHM when the server has it (and the connection is local).
    bool useShm = true;
    // Capture the window's Composite backing pixmap, so covered parts are right.
    bool useComposite = true;
    // The window alone, or with its application's popups, dialogs and other windows.
    ShareScope scope = ShareScope::Application;
};

// Captures an X11 window and, with the Application scope, every window of its
// application while it is mapped (X11ApplicationWindows says which): each through
// Composite (X11CapturedWindow), composed in stacking order on a neutral background
// (ShareCanvas), in a picture that is the box around them (ShareArea). Damage reports
// what changed in each window, XFixes the cursor image, StructureNotify on the windows
// and SubstructureNotify on the root the moves, resizes, maps, restacks and
// destruction.
class X11WindowSource final : public WindowSource {
    Q_OBJECT

public:
    X11WindowSource(uint64_t windowId, X11CaptureOptions options = {}, QObject *parent = nullptr);
    ~X11WindowSource() override;

    QString backendName() const override { return QStringLiteral("x11"); }
    bool start() override;
    void stop() override;
    bool isActive() const override { return connection_ != nullptr; }
    QString errorString() const override { return error_; }
    WindowInfo window() const override { return info_; }
    SharedWindows sharedWindows() const override { return shared_; }
    bool captureFrame(CapturedFrame &frame) override;
    CursorState cursor() override;

    // What start() found, for logs and tests.
    bool usesComposite() const;
    bool usesShm() const;
    bool hasDamage() const;
    ShareScope scope() const { return options_.scope; }

    // Reads pending X events now (they are also read when the connection's socket is
    // readable and at every capture). Emits the signals.
    void processEvents();

private:
    struct Member;

    bool fail(const QString &message);
    void setUpExtensions();
    void handleEvent(const xcb_generic_event_t *event);
    // Finds the application's windows again and places the picture around them;
    // emits what changed.
    void arrange();
    // The members now, bottom to top, their captures kept or started; whether the main
    // window is among the mapped ones.
    bool updateMembers(const XcbConnection::Placement &mainPlacement);
    // The picture's box on the desktop for the members, main being the main window's place.
    Rect placePicture(const Rect &main);
    // The members as the viewers are told, topmost first, in picture coordinates.
    SharedWindows describeMembers(const Rect &box, bool mainMapped);
    Member *member(xcb_window_t window);
    void processQueuedEventsLater();
    void emitEvent(WindowEventKind kind);

    uint32_t windowId_;
    X11CaptureOptions options_;
    std::unique_ptr<XcbConnection> connection_;
    std::unique_ptr<X11ImageGrabber> grabber_;
    std::unique_ptr<X11ApplicationWindows> application_;
    QSocketNotifier *notifier_ = nullptr;
    QTimer *shrinkTimer_ = nullptr;
    WindowInfo info_;
    SharedWindows shared_;
    QString error_;

    bool composite_ = false;
    bool damageExtension_ = false;
    uint8_t damageEventBase_ = 0;
    uint8_t xfixesEventBase_ = 0;
    bool hasXfixesCursor_ = false;

    // The windows of the picture, bottom to top.
    std::vector<std::unique_ptr<Member>> members_;
    ShareArea area_;
    ShareCanvas canvas_;
    bool arrangePending_ = true;
    bool arrangedOnce_ = false;
    bool mainMapped_ = false;
    bool closed_ = false;
    // Where the picture changed because windows came, went or moved (picture coordinates).
    Region layoutDamage_;
    std::chrono::steady_clock::time_point lastFullRepaint_;
    uint64_t sequence_ = 0;

    CursorState cursor_;
    bool cursorImageStale_ = true;
};

} // namespace baton
