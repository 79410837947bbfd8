#pragma once

#include "core/capture/WindowSource.h"

#include <QByteArray>

#include <xcb/xcb.h>

#include <memory>

class QSocketNotifier;

namespace baton {

class XcbConnection;
class X11ImageGrabber;

struct X11CaptureOptions {
    // An X display name; empty for $DISPLAY.
    QByteArray display;
    // Use MIT-SHM when the server has it (and the connection is local).
    bool useShm = true;
    // Capture the window's Composite backing pixmap, so covered parts are right.
    bool useComposite = true;
    // The window alone, or with its application's popups, dialogs and other windows.
    ShareScope scope = ShareScope::Application;
};

// Captures one X11 window through xcb: the window is redirected with Composite
// (automatic mode, so it still shows on screen) and its backing pixmap read with
// MIT-SHM GetImage, falling back to a plain GetImage; Damage reports what changed,
// XFixes the cursor image, StructureNotify the moves, resizes, unmaps and destruction.
// Only 24- and 32-bit TrueColor windows with 8-bit BGR channels are accepted.
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
    bool captureFrame(CapturedFrame &frame) override;
    CursorState cursor() override;

    // What start() found, for logs and tests.
    bool usesComposite() const { return pixmapCapture_; }
    bool usesShm() const;
    bool hasDamage() const { return damage_ != 0; }

    // Reads pending X events now (they are also read when the connection's socket is
    // readable and at every capture). Emits the signals.
    void processEvents();

private:
    bool fail(const QString &message);
    bool checkVisual();
    void setUpExtensions();
    void nameWindowPixmap();
    void releasePixmap();
    void handleEvent(const xcb_generic_event_t *event);
    void handleConfigure(const xcb_configure_notify_event_t *event);
    void fetchDamage();
    void processQueuedEventsLater();
    void emitEvent(WindowEventKind kind);

    uint32_t windowId_;
    X11CaptureOptions options_;
    std::unique_ptr<XcbConnection> connection_;
    std::unique_ptr<X11ImageGrabber> grabber_;
    QSocketNotifier *notifier_ = nullptr;
    WindowInfo info_;
    int32_t borderPx_ = 0;
    QString error_;

    bool pixmapCapture_ = false;
    uint32_t pixmap_ = 0;
    uint32_t damage_ = 0;
    uint8_t damageEventBase_ = 0;
    uint8_t xfixesEventBase_ = 0;
    bool hasXfixesCursor_ = false;

    bool mapped_ = false;
    bool closed_ = false;
    bool fullDamage_ = true;
    Region pendingDamage_;
    uint64_t sequence_ = 0;

    CursorState cursor_;
    bool cursorImageStale_ = true;
};

} // namespace baton
