#pragma once

#include "core/input/InputInjector.h"

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

// Injects input into one X11 top-level window through the XTEST extension.
//
// Keys: scancodes become evdev keycodes (+8), as on every X server with an evdev or
// libinput keymap (Xorg, Xvfb, Xwayland). Text: each character is typed through
// the current keyboard mapping (with Shift for the second level); a character the
// layout lacks is bound to a spare keycode for as long as this injector lives, and
// the spare keycodes are restored when it is destroyed. Restoring right after the
// key press would race the client, which reads the mapping when it handles the event.
//
// Pointer: window coordinates are clamped to the window; before a press, release or
// wheel the window is raised and focused, and the event is refused if another
// top-level window still covers that point.
class X11InputInjector final : public InputInjector {
public:
    // display: an X display name, or empty for $DISPLAY. window: the shared window.
    static std::unique_ptr<X11InputInjector> create(const QByteArray &display, uint32_t window,
                                                    QString *error);
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

    X11InputInjector(xcb_connection_t *connection, uint32_t root, uint32_t window);
    bool loadKeyboardMapping();
    std::optional<WindowPlace> place();
    bool raiseAndFocus();
    uint32_t topLevelAncestor(uint32_t window);
    bool isTopmostAt(QPoint rootPoint);
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
