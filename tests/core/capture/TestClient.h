#pragma once

#include "codecs/frame/Rect.h"

#include <QByteArray>
#include <QPoint>

#include <xcb/xcb.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace baton {
class XcbConnection;
}

namespace baton::test {

// An X client of the test's own: plain windows filled with one colour, all made on one
// connection, so they belong together as one application's windows do, and to nobody
// else's application. It records the button and key events the X server sent to its
// windows, so where input landed is told by the server itself.
class TestClient {
public:
    struct Options {
        bool overrideRedirect = false; // a menu or tooltip: no window manager involved
        xcb_window_t transientFor = XCB_WINDOW_NONE; // a dialog of that window
        bool map = true;
    };

    // Connects to display ($DISPLAY when empty); connection() is null when that failed.
    explicit TestClient(const QByteArray &display = {});
    ~TestClient();

    XcbConnection *connection() const { return connection_.get(); }
    // A window at geometry (root coordinates) in colour (0xRRGGBB), mapped unless told
    // otherwise; returns when the server has done it. It selects button presses and
    // releases and key presses, which received() and count() read.
    xcb_window_t window(const Rect &geometry, uint32_t colour, const Options &options);
    xcb_window_t window(const Rect &geometry, uint32_t colour)
    {
        return window(geometry, colour, {});
    }
    void map(xcb_window_t window);
    void unmap(xcb_window_t window);
    void raise(xcb_window_t window);
    // Gives window the input focus, as a window manager would.
    void focus(xcb_window_t window);
    xcb_window_t focused();
    // Where window is in the root's stacking order: higher is nearer the top; -1 when the
    // tree cannot be read.
    int stackingIndex(xcb_window_t window);
    // Waits until the server has handled every request sent.
    void sync();

    // type: XCB_BUTTON_PRESS, XCB_BUTTON_RELEASE or XCB_KEY_PRESS; at: in the window's
    // coordinates. Both count every event the server sent before the call, so "none"
    // after another client saw a later event of the same injector is certain.
    bool received(xcb_window_t window, uint8_t type, QPoint at);
    // Events of this type on window, or on any of this client's windows (XCB_WINDOW_NONE).
    int count(uint8_t type, xcb_window_t window = XCB_WINDOW_NONE);

private:
    struct Event {
        xcb_window_t window;
        uint8_t type;
        QPoint at;
    };

    // Moves the events the server sent before now from the connection into events_.
    void read();

    std::unique_ptr<XcbConnection> connection_;
    std::vector<Event> events_;
};

} // namespace baton::test
