#include "X11LocalInputMonitor.h"

#include <QSocketNotifier>

#include <xcb/xcb.h>
#include <xcb/xinput.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace baton {

namespace {

template <typename T> using Reply = std::unique_ptr<T, decltype(&std::free)>;

template <typename T> Reply<T> own(T *reply)
{
    return Reply<T>(reply, &std::free);
}

} // namespace

std::unique_ptr<X11LocalInputMonitor> X11LocalInputMonitor::create(const QByteArray &display,
                                                                   uint32_t window,
                                                                   PressCounter ownPresses,
                                                                   ShareLayoutProvider layout,
                                                                   QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::unique_ptr<X11LocalInputMonitor>();
    };
    int screenNumber = 0;
    xcb_connection_t *connection =
        xcb_connect(display.isEmpty() ? nullptr : display.constData(), &screenNumber);
    if (xcb_connection_has_error(connection)) {
        xcb_disconnect(connection);
        return fail(QStringLiteral("cannot connect to the X server"));
    }
    auto closeOnFailure = std::unique_ptr<xcb_connection_t, decltype(&xcb_disconnect)>(connection, &xcb_disconnect);
    const xcb_query_extension_reply_t *extension = xcb_get_extension_data(connection, &xcb_input_id);
    if (!extension || !extension->present)
        return fail(QStringLiteral("the X server has no XInput extension"));
    const auto version = own(xcb_input_xi_query_version_reply(
        connection, xcb_input_xi_query_version(connection, 2, 2), nullptr));
    if (!version || version->major_version < 2 ||
        (version->major_version == 2 && version->minor_version < 2))
        return fail(QStringLiteral("the X server's XInput is older than 2.2"));

    xcb_screen_iterator_t screens = xcb_setup_roots_iterator(xcb_get_setup(connection));
    for (int i = 0; i < screenNumber && screens.rem; ++i)
        xcb_screen_next(&screens);
    const uint32_t root = screens.data->root;

    // The XTEST devices: presses from them may be the injector's own.
    std::set<uint16_t> xtest;
    const auto devices = own(xcb_input_xi_query_device_reply(
        connection, xcb_input_xi_query_device(connection, XCB_INPUT_DEVICE_ALL), nullptr));
    if (!devices)
        return fail(QStringLiteral("cannot list the input devices"));
    for (auto it = xcb_input_xi_query_device_infos_iterator(devices.get()); it.rem;
         xcb_input_xi_device_info_next(&it)) {
        const QByteArray name(xcb_input_xi_device_info_name(it.data),
                              xcb_input_xi_device_info_name_length(it.data));
        if (name.contains("XTEST"))
            xtest.insert(it.data->deviceid);
    }

    struct {
        xcb_input_event_mask_t header;
        uint32_t mask;
    } selection{{XCB_INPUT_DEVICE_ALL_MASTER, 1},
                XCB_INPUT_XI_EVENT_MASK_RAW_KEY_PRESS | XCB_INPUT_XI_EVENT_MASK_RAW_BUTTON_PRESS};
    const auto selected = xcb_request_check(
        connection, xcb_input_xi_select_events_checked(connection, root, 1, &selection.header));
    if (selected) {
        std::free(selected);
        return fail(QStringLiteral("cannot select raw input events"));
    }
    xcb_flush(connection);
    closeOnFailure.release();
    return std::unique_ptr<X11LocalInputMonitor>(
        new X11LocalInputMonitor(connection, root, window, extension->major_opcode,
                                 std::move(xtest), std::move(ownPresses), std::move(layout)));
}

X11LocalInputMonitor::X11LocalInputMonitor(xcb_connection_t *connection, uint32_t root,
                                           uint32_t window, uint8_t xinputOpcode,
                                           std::set<uint16_t> xtestDevices, PressCounter ownPresses,
                                           ShareLayoutProvider layout)
    : connection_(connection),
      root_(root),
      window_(window),
      opcode_(xinputOpcode),
      xtestDevices_(std::move(xtestDevices)),
      ownPresses_(std::move(ownPresses)),
      layout_(std::move(layout))
{
    notifier_ = new QSocketNotifier(xcb_get_file_descriptor(connection_), QSocketNotifier::Read, this);
    connect(notifier_, &QSocketNotifier::activated, this, &X11LocalInputMonitor::readEvents);
}

X11LocalInputMonitor::~X11LocalInputMonitor()
{
    delete notifier_;
    xcb_disconnect(connection_);
}

void X11LocalInputMonitor::readEvents()
{
    bool local = false;
    while (xcb_generic_event_t *event = xcb_poll_for_event(connection_)) {
        const auto reply = own(event);
        if ((event->response_type & 0x7f) != XCB_GE_GENERIC)
            continue;
        const auto *generic = reinterpret_cast<const xcb_ge_generic_event_t *>(event);
        if (generic->extension != opcode_)
            continue;
        const bool key = generic->event_type == XCB_INPUT_RAW_KEY_PRESS;
        if (!key && generic->event_type != XCB_INPUT_RAW_BUTTON_PRESS)
            continue;
        const auto *raw = reinterpret_cast<const xcb_input_raw_key_press_event_t *>(event);
        if (xtestDevices_.contains(raw->sourceid) && ownPresses_ &&
            ownPressesSeen_ < ownPresses_()) {
            ++ownPressesSeen_; // the injector's own press
            continue;
        }
        if (key ? focusIsOnWindow() : pointerIsOverWindow())
            local = true;
    }
    if (local)
        emit localInput();
}

bool X11LocalInputMonitor::focusIsOnWindow()
{
    const auto focus =
        own(xcb_get_input_focus_reply(connection_, xcb_get_input_focus(connection_), nullptr));
    if (!focus)
        return false;
    const ShareLayout layout = layout_ ? layout_() : ShareLayout{};
    if (!layout_ || layout.isSingleWindow())
        return focusIsIn(focus->focus, window_);
    return std::any_of(layout.windows.begin(), layout.windows.end(), [&](const SharedWindow &w) {
        return focusIsIn(focus->focus, uint32_t(w.id));
    });
}

bool X11LocalInputMonitor::focusIsIn(uint32_t focus, uint32_t window)
{
    // The focus may be the window, a child of it, or (under a window manager) its frame.
    for (uint32_t w = focus; w != XCB_WINDOW_NONE && w != root_;) {
        if (w == window)
            return true;
        const auto tree = own(xcb_query_tree_reply(connection_, xcb_query_tree(connection_, w), nullptr));
        if (!tree)
            return false;
        w = tree->parent;
    }
    const auto tree = own(xcb_query_tree_reply(connection_, xcb_query_tree(connection_, window), nullptr));
    return tree && tree->parent == focus && focus != root_;
}

bool X11LocalInputMonitor::pointerIsOverWindow()
{
    const ShareLayout layout = layout_ ? layout_() : ShareLayout{};
    if (layout_ && !layout.isSingleWindow()) {
        const auto pointer =
            own(xcb_query_pointer_reply(connection_, xcb_query_pointer(connection_, root_), nullptr));
        return pointer && pointer->same_screen &&
            layout.windowAt(QPoint(pointer->root_x - layout.picture.x,
                                   pointer->root_y - layout.picture.y)) != nullptr;
    }
    const auto pointer =
        own(xcb_query_pointer_reply(connection_, xcb_query_pointer(connection_, window_), nullptr));
    const auto geometry =
        own(xcb_get_geometry_reply(connection_, xcb_get_geometry(connection_, window_), nullptr));
    return pointer && geometry && pointer->same_screen && pointer->win_x >= 0 &&
        pointer->win_y >= 0 && pointer->win_x < geometry->width && pointer->win_y < geometry->height;
}

} // namespace baton
