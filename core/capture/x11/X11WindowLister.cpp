#include "core/capture/x11/X11WindowLister.h"

#include "core/capture/CaptureLogging.h"
#include "core/capture/x11/XcbConnection.h"

#include <cstring>

namespace baton {

X11WindowLister::X11WindowLister(XcbConnection &connection) : connection_(connection)
{
}

QList<WindowInfo> X11WindowLister::list()
{
    QList<xcb_window_t> candidates = clientList();
    usedClientList_ = !candidates.isEmpty();
    if (!usedClientList_) {
        qCDebug(lcCapture) << "no _NET_CLIENT_LIST on the root window; walking the window tree";
        candidates = treeClients();
    }
    QList<WindowInfo> windows;
    for (xcb_window_t window : candidates) {
        bool overrideRedirect = false;
        if (!connection_.isViewable(window, &overrideRedirect) || overrideRedirect)
            continue;
        std::optional<WindowInfo> details = info(window);
        if (!details || (details->title.isEmpty() && details->className.isEmpty()) ||
            details->geometry.isEmpty())
            continue;
        windows.append(*details);
    }
    return windows;
}

std::optional<WindowInfo> X11WindowLister::info(xcb_window_t window)
{
    const auto placement = connection_.placement(window);
    if (!placement)
        return std::nullopt;
    WindowInfo details;
    details.id = window;
    details.title = connection_.title(window);
    details.className = connection_.className(window);
    details.pid = connection_.pid(window);
    details.geometry = placement->geometry;
    details.visible = connection_.isViewable(window);
    return details;
}

QList<xcb_window_t> X11WindowLister::clientList()
{
    const auto value = connection_.property(connection_.root(),
                                            connection_.atom("_NET_CLIENT_LIST"), XCB_ATOM_WINDOW);
    QList<xcb_window_t> windows;
    if (!value)
        return windows;
    for (qsizetype offset = 0; offset + 4 <= value->size(); offset += 4) {
        xcb_window_t window = 0;
        std::memcpy(&window, value->constData() + offset, sizeof window);
        windows.append(window);
    }
    return windows;
}

QList<xcb_window_t> X11WindowLister::treeClients()
{
    xcb_connection_t *c = connection_.get();
    XcbReply<xcb_query_tree_reply_t> tree(
        xcb_query_tree_reply(c, xcb_query_tree(c, connection_.root()), nullptr));
    QList<xcb_window_t> windows;
    if (!tree)
        return windows;
    const xcb_window_t *children = xcb_query_tree_children(tree.get());
    const int count = xcb_query_tree_children_length(tree.get());
    const xcb_atom_t wmState = connection_.atom("WM_STATE");
    for (int i = 0; i < count; ++i) {
        const xcb_window_t child = children[i];
        // Without a window manager the clients are the root's children; a reparenting
        // manager without EWMH puts each client (the window with WM_STATE) in a frame.
        if (connection_.property(child, wmState) || !connection_.title(child).isEmpty()) {
            windows.append(child);
        } else if (const xcb_window_t client = clientInside(child); client != XCB_WINDOW_NONE) {
            windows.append(client);
        }
    }
    return windows;
}

xcb_window_t X11WindowLister::clientInside(xcb_window_t frame)
{
    xcb_connection_t *c = connection_.get();
    XcbReply<xcb_query_tree_reply_t> tree(
        xcb_query_tree_reply(c, xcb_query_tree(c, frame), nullptr));
    if (!tree)
        return XCB_WINDOW_NONE;
    const xcb_window_t *children = xcb_query_tree_children(tree.get());
    const int count = xcb_query_tree_children_length(tree.get());
    const xcb_atom_t wmState = connection_.atom("WM_STATE");
    for (int i = 0; i < count; ++i) {
        if (connection_.property(children[i], wmState))
            return children[i];
    }
    return XCB_WINDOW_NONE;
}

} // namespace baton
