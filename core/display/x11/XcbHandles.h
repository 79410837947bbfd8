#pragma once

#include <QString>

#include <xcb/xcb.h>

#include <cstdlib>
#include <memory>

namespace baton::display::x11 {

// xcb replies are malloc'ed by libxcb and freed with free().
struct XcbFree {
    void operator()(void *pointer) const { std::free(pointer); }
};
template <typename T> using XcbReply = std::unique_ptr<T, XcbFree>;

struct XcbDisconnect {
    void operator()(xcb_connection_t *connection) const { xcb_disconnect(connection); }
};
// Shared by the backends made from one connection (RandR layout, DPMS, snapshots).
using XcbConnection = std::shared_ptr<xcb_connection_t>;

// Connects to displayName (empty: $DISPLAY); nullptr with a reason when that fails.
XcbConnection connectToX(const QString &displayName, QString *whyNot);
xcb_screen_t *firstScreen(xcb_connection_t *connection);

} // namespace baton::display::x11
