#pragma once

#include "codecs/frame/Rect.h"

#include <QPoint>

#include <cstdint>
#include <vector>

struct xcb_connection_t;

namespace baton::test {

// One X client of a test: it makes plain top-level windows (as an application or as
// another program) and records the button and key events the X server sent to them, so
// that where input landed is told by the server itself.
class XClient {
public:
    XClient();
    ~XClient();
    XClient(const XClient &) = delete;
    XClient &operator=(const XClient &) = delete;

    bool isConnected() const { return root_ != 0; }

    // A mapped top-level window at rect (root coordinates), once the server has shown
    // it; override-redirect for a popup.
    uint32_t map(const Rect &rect, bool overrideRedirect = false);
    void focus(uint32_t window);
    uint32_t focused();
    // Where window is in the root's stacking order: higher is nearer the top.
    int stackingIndex(uint32_t window);

    // type: XCB_BUTTON_PRESS, XCB_BUTTON_RELEASE or XCB_KEY_PRESS; at: in the window's
    // coordinates. Both count every event the server sent before the call, so "none"
    // after another client saw a later event of the same injector is certain.
    bool received(uint32_t window, uint8_t type, QPoint at);
    // Events of this type on window, or on any of this client's windows (0).
    int count(uint8_t type, uint32_t window = 0);

private:
    struct Event {
        uint32_t window;
        uint8_t type;
        QPoint at;
    };

    // A round trip: every request sent before it has been carried out.
    void sync();
    void read();

    xcb_connection_t *connection_;
    uint32_t root_ = 0;
    std::vector<Event> events_;
};

} // namespace baton::test
