#include "TestClient.h"

#include "core/capture/x11/XcbConnection.h"

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
    const uint32_t values[] = {colour, options.overrideRedirect ? 1u : 0u};
    xcb_create_window(c, XCB_COPY_FROM_PARENT, id, connection_->root(), int16_t(geometry.x),
                      int16_t(geometry.y), uint16_t(geometry.width), uint16_t(geometry.height), 0,
                      XCB_WINDOW_CLASS_INPUT_OUTPUT, XCB_COPY_FROM_PARENT,
                      XCB_CW_BACK_PIXEL | XCB_CW_OVERRIDE_REDIRECT, values);
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

void TestClient::sync()
{
    xcb_connection_t *c = connection_->get();
    XcbReply<xcb_get_input_focus_reply_t> reply(
        xcb_get_input_focus_reply(c, xcb_get_input_focus(c), nullptr));
}

} // namespace baton::test
