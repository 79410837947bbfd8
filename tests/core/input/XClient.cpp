#include "tests/core/input/XClient.h"

#include <xcb/xcb.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace baton::test {
namespace {

template <typename T> using Reply = std::unique_ptr<T, decltype(&std::free)>;

} // namespace

XClient::XClient() : connection_(xcb_connect(nullptr, nullptr))
{
    if (!xcb_connection_has_error(connection_))
        root_ = xcb_setup_roots_iterator(xcb_get_setup(connection_)).data->root;
}

XClient::~XClient()
{
    xcb_disconnect(connection_);
}

uint32_t XClient::map(const Rect &rect, bool overrideRedirect)
{
    const uint32_t window = xcb_generate_id(connection_);
    const uint32_t values[] = {0x808080u, uint32_t(overrideRedirect),
                               XCB_EVENT_MASK_BUTTON_PRESS | XCB_EVENT_MASK_BUTTON_RELEASE |
                                   XCB_EVENT_MASK_KEY_PRESS};
    xcb_create_window(connection_, XCB_COPY_FROM_PARENT, window, root_, int16_t(rect.x),
                      int16_t(rect.y), uint16_t(rect.width), uint16_t(rect.height), 0,
                      XCB_WINDOW_CLASS_INPUT_OUTPUT, XCB_COPY_FROM_PARENT,
                      XCB_CW_BACK_PIXEL | XCB_CW_OVERRIDE_REDIRECT | XCB_CW_EVENT_MASK, values);
    xcb_map_window(connection_, window);
    sync();
    return window;
}

void XClient::focus(uint32_t window)
{
    xcb_set_input_focus(connection_, XCB_INPUT_FOCUS_POINTER_ROOT, window, XCB_CURRENT_TIME);
    sync();
}

uint32_t XClient::focused()
{
    const Reply<xcb_get_input_focus_reply_t> reply(
        xcb_get_input_focus_reply(connection_, xcb_get_input_focus(connection_), nullptr),
        &std::free);
    return reply ? reply->focus : 0;
}

int XClient::stackingIndex(uint32_t window)
{
    const Reply<xcb_query_tree_reply_t> tree(
        xcb_query_tree_reply(connection_, xcb_query_tree(connection_, root_), nullptr), &std::free);
    if (!tree)
        return -1;
    const xcb_window_t *children = xcb_query_tree_children(tree.get());
    const int count = xcb_query_tree_children_length(tree.get());
    return int(std::find(children, children + count, window) - children);
}

bool XClient::received(uint32_t window, uint8_t type, QPoint at)
{
    read();
    return std::any_of(events_.begin(), events_.end(), [&](const Event &e) {
        return e.window == window && e.type == type && e.at == at;
    });
}

int XClient::count(uint8_t type, uint32_t window)
{
    read();
    return int(std::count_if(events_.begin(), events_.end(), [&](const Event &e) {
        return e.type == type && (window == 0 || e.window == window);
    }));
}

void XClient::sync()
{
    std::free(xcb_get_input_focus_reply(connection_, xcb_get_input_focus(connection_), nullptr));
}

void XClient::read()
{
    // After the round trip, every event the server made for this client before it is
    // queued here: input sent before to another client's window is ordered before it.
    sync();
    while (xcb_generic_event_t *event = xcb_poll_for_event(connection_)) {
        const uint8_t type = event->response_type & 0x7f;
        if (type == XCB_BUTTON_PRESS || type == XCB_BUTTON_RELEASE || type == XCB_KEY_PRESS) {
            // Button and key events share this layout.
            const auto *input = reinterpret_cast<const xcb_button_press_event_t *>(event);
            events_.push_back({input->event, type, {input->event_x, input->event_y}});
        }
        std::free(event);
    }
}

} // namespace baton::test
