#pragma once

#include "codecs/frame/Rect.h"

#include <QByteArray>
#include <QString>

#include <xcb/xcb.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace baton {

// xcb hands out replies and events allocated with malloc.
struct XcbFree {
    void operator()(void *p) const { std::free(p); }
};
template <typename T> using XcbReply = std::unique_ptr<T, XcbFree>;

// One xcb connection with the helpers the capture code needs: cached atoms, text
// properties, geometry in root coordinates. Not thread-safe beyond what xcb is; each
// capture source opens its own so it can live on its own thread.
class XcbConnection {
public:
    // display: an X display name, or empty for $DISPLAY.
    static std::unique_ptr<XcbConnection> open(const QByteArray &display, QString *error);
    ~XcbConnection();
    XcbConnection(const XcbConnection &) = delete;
    XcbConnection &operator=(const XcbConnection &) = delete;

    xcb_connection_t *get() const { return connection_; }
    xcb_window_t root() const { return screen_->root; }
    const xcb_screen_t &screen() const { return *screen_; }
    bool hasError() const { return xcb_connection_has_error(connection_) != 0; }

    xcb_atom_t atom(const char *name);
    // The raw bytes of a property (any format), or nullopt when it is missing or not of
    // type.
    std::optional<QByteArray> property(xcb_window_t window, xcb_atom_t property,
                                       xcb_atom_t type = XCB_ATOM_ANY);
    // _NET_WM_NAME (UTF-8), else WM_NAME (Latin-1).
    QString title(xcb_window_t window);
    // The class part of WM_CLASS ("XTerm").
    QString className(xcb_window_t window);
    int64_t pid(xcb_window_t window);
    // The window's contents (inside the border) in root coordinates, plus its border.
    struct Placement {
        Rect geometry;
        int32_t borderPx = 0;
    };
    std::optional<Placement> placement(xcb_window_t window);
    bool isViewable(xcb_window_t window, bool *overrideRedirect = nullptr);

private:
    XcbConnection(xcb_connection_t *connection, xcb_screen_t *screen);

    xcb_connection_t *connection_;
    xcb_screen_t *screen_;
    std::map<std::string, xcb_atom_t> atoms_;
};

} // namespace baton
