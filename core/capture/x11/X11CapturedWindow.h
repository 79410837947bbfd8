#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/frame/PixelFormat.h"
#include "codecs/frame/Region.h"

#include <QString>

#include <xcb/damage.h>
#include <xcb/xcb.h>

#include <optional>

namespace baton {

class XcbConnection;
class X11ImageGrabber;

// One window of a share, captured through Composite: redirected (automatic mode, so it
// still shows on screen), its backing pixmap named, its damage tracked. Covered parts
// come out right because the pixmap holds the window's own pixels. Without Composite
// the window is read from the screen. Every visual X has is converted to BGRA
// (PixelConverter), DirectColor and indexed ones through the window's colormap.
class X11CapturedWindow {
public:
    X11CapturedWindow(XcbConnection &connection, xcb_window_t window, bool useComposite);
    ~X11CapturedWindow();
    X11CapturedWindow(const X11CapturedWindow &) = delete;
    X11CapturedWindow &operator=(const X11CapturedWindow &) = delete;

    // Reads the pixel format and sets up Composite and Damage. False with error set when
    // the window's pixels cannot be converted (or it went away).
    bool start(bool useDamage, QString *error);
    // The window's colormap changed or was edited (ColormapNotify): its colours are read
    // again and the window repainted. False when they can no longer be read.
    bool colormapChanged(QString *error);
    // How the pixels are converted, for logs ("bgrx", "rgb565/avx2"…).
    QString conversion() const;
    // The server freed everything with the window: only our ids are forgotten.
    void forgetDestroyed();

    xcb_window_t id() const { return window_; }
    bool usesComposite() const { return redirected_; }
    bool hasDamage() const { return damage_ != 0; }
    xcb_damage_damage_t damageId() const { return damage_; }
    bool hasAlpha() const { return hasAlpha_; }

    // The window's contents on the desktop and its border. A new size needs a new
    // pixmap and repaints it whole. With withBorder the border is part of what is
    // captured (a menu's frame often is its border); the chosen window is shared
    // without it, as it always was.
    void place(const Rect &geometry, int32_t borderPx, bool withBorder);
    // What is captured, on the desktop.
    const Rect &geometry() const { return geometry_; }
    // Mapped again (or for the first time): a fresh pixmap, all of it damaged.
    void mapped();
    // Reads what the Damage object accumulated (window coordinates).
    void fetchDamage();
    // What changed since the last takeDamage(), in window coordinates.
    Region takeDamage();
    void damageAll() { fullDamage_ = true; }

    // The window's pixels inside area (window coordinates, inside the window) as BGRA;
    // valid until the grabber's next grab. Null view with error set on failure.
    FrameView grab(X11ImageGrabber &grabber, const Rect &area, QString *error);

private:
    bool readPixelFormat(QString *error);
    void nameWindowPixmap();
    void releasePixmap();

    XcbConnection &connection_;
    xcb_window_t window_;
    bool useComposite_;
    bool redirected_ = false;
    bool destroyed_ = false;
    bool hasAlpha_ = false;
    int bitsPerPixel_ = 32;
    std::optional<PixelConverter> converter_;
    // The converted pixels of the last grab, when the window's are not BGRA already.
    Frame converted_;
    xcb_pixmap_t pixmap_ = XCB_PIXMAP_NONE;
    xcb_damage_damage_t damage_ = 0;
    Rect geometry_;
    // Where geometry_ starts inside the backing pixmap, which holds the border too.
    int32_t pixmapOffsetPx_ = 0;
    bool fullDamage_ = true;
    Region pendingDamage_;
};

} // namespace baton
