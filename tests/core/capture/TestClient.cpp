#include "TestClient.h"

#include "core/capture/x11/XcbConnection.h"

#include <algorithm>

namespace baton::test {

TestClient::TestClient(const QByteArray &display)
{
    QString error;
    connection_ = XcbConnection::open(display, &error);
}

TestClient::~TestClient() = default;

xcb_window_t TestClient::window(const Rect &geometry, uint32_t colour, const Options &options)
{
    xcb_connection_t *c = connection_->get();
    const xcb_window_t id = xcb_generate_id(c);
    const uint32_t values[] = {colour, options.overrideRedirect ? 1u : 0u,
                               XCB_EVENT_MASK_BUTTON_PRESS | XCB_EVENT_MASK_BUTTON_RELEASE |
                                   XCB_EVENT_MASK_KEY_PRESS};
    xcb_create_window(c, XCB_COPY_FROM_PARENT, id, connection_->root(), int16_t(geometry.x),
                      int16_t(geometry.y), uint16_t(geometry.width), uint16_t(geometry.height), 0,
                      XCB_WINDOW_CLASS_INPUT_OUTPUT, XCB_COPY_FROM_PARENT,
                      XCB_CW_BACK_PIXEL | XCB_CW_OVERRIDE_REDIRECT | XCB_CW_EVENT_MASK, values);
    if (options.transientFor != XCB_WINDOW_NONE)
        xcb_change_property(c, XCB_PROP_MODE_REPLACE, id, XCB_ATOM_WM_TRANSIENT_FOR,
                            XCB_ATOM_WINDOW, 32, 1, &options.transientFor);
    if (options.map)
        xcb_map_window(c, id);
    sync();
    return id;
}

void TestClient::map(xcb_window_t window)
{
    xcb_map_window(connection_->get(), window);
    sync();
}

void TestClient::unmap(xcb_window_t window)
{
    xcb_unmap_window(connection_->get(), window);
    sync();
}

void TestClient::raise(xcb_window_t window)
{
    const uint32_t above = XCB_STACK_MODE_ABOVE;
    xcb_configure_window(connection_->get(), window, XCB_CONFIG_WINDOW_STACK_MODE, &above);
    sync();
}

void TestClient::focus(xcb_window_t window)
{
    xcb_set_input_focus(connection_->get(), XCB_INPUT_FOCUS_POINTER_ROOT, window, XCB_CURRENT_TIME);
    sync();
}

xcb_window_t TestClient::focused()
{
    xcb_connection_t *c = connection_->get();
    const XcbReply<xcb_get_input_focus_reply_t> reply(
        xcb_get_input_focus_reply(c, xcb_get_input_focus(c), nullptr));
    return reply ? reply->focus : xcb_window_t(XCB_WINDOW_NONE);
}

int TestClient::stackingIndex(xcb_window_t window)
{
    xcb_connection_t *c = connection_->get();
    const XcbReply<xcb_query_tree_reply_t> tree(
        xcb_query_tree_reply(c, xcb_query_tree(c, connection_->root()), nullptr));
    if (!tree)
        return -1;
    const xcb_window_t *children = xcb_query_tree_children(tree.get());
    const int count = xcb_query_tree_children_length(tree.get());
    return int(std::find(children, children + count, window) - children);
}

void TestClient::sync()
{
    xcb_connection_t *c = connection_->get();
    XcbReply<xcb_get_input_focus_reply_t> reply(
        xcb_get_input_focus_reply(c, xcb_get_input_focus(c), nullptr));
}

bool TestClient::received(xcb_window_t window, uint8_t type, QPoint at)
{
    read();
    return std::any_of(events_.begin(), events_.end(), [&](const Event &e) {
        return e.window == window && e.type == type && e.at == at;
    });
}

int TestClient::count(uint8_t type, xcb_window_t window)
{
    read();
    return int(std::count_if(events_.begin(), events_.end(), [&](const Event &e) {
        return e.type == type && (window == XCB_WINDOW_NONE || e.window == window);
    }));
}

void TestClient::read()
{
    // After the round trip, every event the server made for this client before it is
    // queued here: input sent before to another client's window is ordered before it.
    sync();
    xcb_connection_t *c = connection_->get();
    while (const XcbReply<xcb_generic_event_t> event{xcb_poll_for_event(c)}) {
        const uint8_t type = event->response_type & 0x7f;
        if (type == XCB_BUTTON_PRESS || type == XCB_BUTTON_RELEASE || type == XCB_KEY_PRESS) {
            // Button and key events share this layout.
            const auto *input = reinterpret_cast<const xcb_button_press_event_t *>(event.get());
            events_.push_back({input->event, type, {input->event_x, input->event_y}});
        }
    }
}

} // namespace baton::test
