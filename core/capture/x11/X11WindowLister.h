#pragma once

#include "core/capture/WindowInfo.h"

#include <QList>

#include <xcb/xcb.h>

namespace baton {

class XcbConnection;

// Lists the shareable top-level windows of an X display: the window manager's
// _NET_CLIENT_LIST when there is one, else the root's children (looking one level down,
// for the WM_STATE client inside a frame, when a window manager without EWMH reparents).
class X11WindowLister {
public:
    explicit X11WindowLister(XcbConnection &connection);

    // Visible, titled or classed, InputOutput, not override-redirect windows, in
    // stacking order (bottom first) when the tree is used.
    QList<WindowInfo> list();
    // Details of one window, whatever its state; nullopt when it does not exist.
    std::optional<WindowInfo> info(xcb_window_t window);
    // True when the last list() came from _NET_CLIENT_LIST.
    bool usedClientList() const { return usedClientList_; }

private:
    QList<xcb_window_t> clientList();
    QList<xcb_window_t> treeClients();
    xcb_window_t clientInside(xcb_window_t frame);

    XcbConnection &connection_;
    bool usedClientList_ = false;
};

} // namespace baton
