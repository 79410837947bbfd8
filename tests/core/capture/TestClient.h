#pragma once

#include "codecs/frame/Rect.h"

#include <QByteArray>

#include <xcb/xcb.h>

#include <memory>

namespace baton {
class XcbConnection;
}

namespace baton::test {

// An X client of the test's own: plain windows filled with one colour, all made on one
// connection, so they belong together as one application's windows do, and to nobody
// else's application.
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
    // otherwise; returns when the server has done it.
    xcb_window_t window(const Rect &geometry, uint32_t colour, const Options &options);
    xcb_window_t window(const Rect &geometry, uint32_t colour)
    {
        return window(geometry, colour, {});
    }
    void map(xcb_window_t window);
    void unmap(xcb_window_t window);
    void raise(xcb_window_t window);
    // Waits until the server has handled every request sent.
    void sync();

private:
    std::unique_ptr<XcbConnection> connection_;
};

} // namespace baton::test
