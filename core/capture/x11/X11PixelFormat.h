#pragma once

#include "codecs/frame/PixelFormat.h"

#include <QString>

#include <xcb/xcb.h>

#include <optional>

namespace baton {

class XcbConnection;

// What a window's ZPixmap images hold, as X describes it: the visual's class and masks,
// the bits per pixel of the pixmap format of its depth, the server's image byte order,
// and for DirectColor, PseudoColor, StaticColor, GrayScale and StaticGray visuals the
// colours of the window's colormap (xcb_query_colors).
struct X11PixelFormat {
    PixelFormat format;
    xcb_visualid_t visual = 0;
    uint8_t visualClass = XCB_VISUAL_CLASS_TRUE_COLOR; // xcb_visual_class_t
    int depth = 0;
    // The colormap whose colours format holds; XCB_COLORMAP_NONE for TrueColor, whose
    // colours do not depend on it.
    xcb_colormap_t colormap = XCB_COLORMAP_NONE;
};

// Reads the pixel format of window with a few round trips (the colormap query is one
// request, up to 1024 colours for 30-bit DirectColor). Call it again when a ColormapNotify
// says the window's colormap changed or was edited: the format then has the new colours.
// Returns nullopt with the reason in *error when the window is gone, its visual is not
// on any screen, its depth has no pixmap format or its colormap cannot be read. Whether
// the format can be converted is PixelConverter::create()'s decision.
//
// A DirectColor window whose colormap was freed (None) gets linear ramps: X leaves its
// colours undefined, and a picture in roughly the right colours beats none.
std::optional<X11PixelFormat> x11PixelFormat(XcbConnection &connection, xcb_window_t window,
                                             QString *error);

} // namespace baton
