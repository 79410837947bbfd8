#pragma once

#include "core/input/InputInjector.h"
#include "core/input/ShareLayout.h"

#include <QByteArray>
#include <QPoint>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

struct xcb_connection_t;

namespace baton {

// Injects input into the windows of one share on X11 through the XTEST extension.
//
// Keys: scancodes become evdev keycodes (+8), as on every X server with an evdev or
// libinput keymap (Xorg, Xvfb, Xwayland). Text: each character is typed through
// the current keyboard mapping (with Shift for the second level); a character the
// layout lacks is bound to a spare keycode for as long as this injector lives, and
// the spare keycodes are restored when it is destroyed. Restoring right after the
// key press would race the client, which reads the mapping when it handles the event.
//
// Pointer positions are in the share's picture (ShareLayout). When the layout is one
// window filling the picture (a Window-scope share), they are clamped to that window;
// before a press, release or wheel it is raised and focused, and the event is refused if
// another top-level window still covers that point.
//
// When the layout holds several windows (an application with its menus, dialogs and
// other windows), the topmost shared window under the point takes the event; a click
// outside every one is refused and a move there skipped. Before a press or wheel a
// managed window (Main or Window kind) is raised only when something covers it there,
// and the application's windows that were above it are put back above it, so that
// raising the main window never hides the application's open menu or dialog; it is
// focused unless the focus is already in it. Popups are never raised or focused: they
// grab the pointer themselves. The event is refused when another program's window still
// covers the point. While a button is held, a position outside every window goes to the
// window that took the press, clamped to it, and the release is never refused: the
// client's implicit grab routes both there anyway.
//
// Keys go to the shared window that has the host's focus (the open dialog, or the main
// window while its menu grabs the keyboard); when none has it, the main window is
// focused first (and, for a single window, raised as before).
class X11InputInjector final : public InputInjector {
public:
    // display: an X display name, or empty for $DISPLAY. window: the shared window (the
    // main window of an application share). layout: the share's windows, read before
    // each event; empty: the window alone, filling the picture.
    static std::unique_ptr<X11InputInjector> create(const QByteArray &display, uint32_t window,
                                                    ShareLayoutProvider layout, QString *error);
    ~X11InputInjector() override;

    bool key(const KeyInput &key) override;
    bool text(const QString &text) override;
    bool pointer(const PointerInput &pointer) override;
    void releaseAll() override;
    QString errorString() const override { return error_; }
    // Key and button presses sent so far, for telling them from the host's own input.
    uint64_t pressesSent() const { return pressesSent_; }

private:
    struct ConnectionDeleter {
        void operator()(xcb_connection_t *connection) const;
    };
    struct Chord {
        uint8_t keycode;
        bool shift;
    };
    struct WindowPlace {
        QPoint rootOrigin;
        int width;
        int height;
    };
    // Where a pointer event goes.
    struct Target {
        uint32_t window;
        QPoint rootPoint;
        SharedWindow::Kind kind;
        bool alone; // the single-window path: clamped, raised and focused as before
    };

    X11InputInjector(xcb_connection_t *connection, uint32_t root, uint32_t window,
                     ShareLayoutProvider layout);
    bool loadKeyboardMapping();
    std::optional<WindowPlace> place();
    std::optional<Target> aloneTarget(QPoint position);
    std::optional<Target> sharedTarget(const ShareLayout &layout, const PointerInput &pointer);
    bool prepareClick(const Target &target, const PointerInput &pointer, const ShareLayout &layout);
    bool raiseAndFocus();
    bool focusForKeys();
    void raise(uint32_t topLevel);
    void raiseKeepingOrder(const SharedWindow &target, const ShareLayout &layout);
    void focus(uint32_t window, uint32_t topLevel);
    bool focusIsShared(const ShareLayout &layout);
    uint32_t topLevelAncestor(uint32_t window);
    bool isTopmostAt(QPoint rootPoint, uint32_t topLevel);
    std::optional<Chord> chordFor(uint32_t keysym) const;
    std::optional<Chord> bindSpare(uint32_t keysym);
    bool typeKeysym(uint32_t keysym);
    void fakeKey(uint8_t keycode, bool pressed);
    void fakeButton(uint8_t button, bool pressed);
    bool moveTo(QPoint rootPoint);
    bool finish();
    bool fail(const QString &message);

    std::unique_ptr<xcb_connection_t, ConnectionDeleter> connection_;
    uint32_t root_;
    uint32_t window_;
    ShareLayoutProvider layout_;
    uint32_t pressWindow_ = 0; // the shared window that took the last press
    uint64_t pressesSent_ = 0;
    uint8_t minKeycode_ = 8;
    uint8_t maxKeycode_ = 255;
    uint8_t keysymsPerKeycode_ = 0;
    std::vector<uint32_t> keymap_;
    std::vector<uint8_t> spareKeycodes_;
    std::map<uint32_t, uint8_t> boundSpares_; // keysym → spare keycode now carrying it
    std::size_t nextSpare_ = 0;
    std::set<uint8_t> pressedKeys_;
    std::set<uint8_t> pressedButtons_;
    int wheelRemainderX_ = 0;
    int wheelRemainderY_ = 0;
    QString error_;
};

} // namespace baton
