#pragma once

#include "core/input/InputInjector.h"
#include "core/input/wayland/DiscreteWheel.h"

#include <QSize>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>

namespace baton {

class ScreenCastSession;

// Injects input into the window of a Wayland screen cast through its RemoteDesktop half
// (the portal's or mutter's): the compositor routes it to the streamed window, and to
// nothing else on the desktop as long as positions stay inside the stream.
//
// Keys: scancodes become evdev key codes, which the compositor types through the host's
// keymap. Text: each character is typed as its X keysym (Latin-1 as itself, the rest as a
// Unicode keysym); the compositor picks the key and the Shift level in its keymap. A
// character the host's keymap lacks cannot be typed on Wayland: mutter drops it without
// telling (it logs "No keycode found for keyval"), so such text is lost.
//
// Keys go to the window that has the compositor's keyboard focus, and no Wayland client
// may give it to a window: keys and text are refused until the holder pressed a button
// inside the picture (which focuses the shared window), again after each releaseAll()
// (the floor changing hands). The host's own input, which could move the focus, takes
// the floor back through the LocalInputMonitor where the desktop has one (GNOME).
//
// Pointer positions are in the stream's pixels (the picture). A move outside is clamped
// to the nearest pixel inside; a press or a wheel outside is refused. A release outside is
// refused unless this injector holds that button: then the pointer is clamped inside and
// the button released, so that a drag past the edge leaves nothing held.
//
// Lives on the thread of the session it is given, which must outlive it.
class RemoteDesktopInputInjector final : public InputInjector {
public:
    using Clock = std::chrono::steady_clock;
    // The picture's size in pixels as the capture side knows it (the stream's size);
    // empty while unknown, when pointer events are refused.
    using PictureSize = std::function<QSize()>;

    // Refused (null, error set) when the compositor did not grant input into the stream.
    static std::unique_ptr<RemoteDesktopInputInjector>
    create(ScreenCastSession &session, PictureSize pictureSize, QString *error);
    ~RemoteDesktopInputInjector() override;

    bool key(const KeyInput &key) override;
    bool text(const QString &text) override;
    bool pointer(const PointerInput &pointer) override;
    void releaseAll() override;
    QString errorString() const override { return error_; }

    // When this injector last sent an event to the compositor (the epoch when never), so
    // that a LocalInputMonitor can tell its events from the host's.
    Clock::time_point lastSentAt() const { return lastSentAt_; }

private:
    RemoteDesktopInputInjector(ScreenCastSession &session, PictureSize pictureSize);
    bool sendKey(int evdevKey, bool pressed);
    bool sendKeysym(uint32_t keysym);
    bool sendButton(int evdevButton, bool pressed);
    bool moveTo(QPoint position);
    bool wheel(const PointerInput &pointer);
    bool sent(bool ok);
    bool fail(const QString &message);
    bool notFocused();

    ScreenCastSession &session_;
    PictureSize pictureSize_;
    DiscreteWheel wheel_;
    std::set<int> pressedKeys_;
    std::set<int> pressedButtons_;
    // Whether the holder pressed a button inside the picture since the floor last changed
    // hands (releaseAll()), which focused the shared window.
    bool keysReachWindow_ = false;
    Clock::time_point lastSentAt_;
    QString error_;
};

// The evdev button code (BTN_LEFT...) of a viewer's button: 1 left, 2 middle, 3 right,
// 4 back, 5 forward; nullopt for any other number.
std::optional<int> evdevButtonFor(int button);

} // namespace baton
