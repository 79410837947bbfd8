#pragma once

#include "codecs/frame/Frame.h"
#include "core/capture/x11/XcbConnection.h"

#include <xcb/shm.h>

namespace baton {

// A ZPixmap image as the server lays it out: rows strideBytes apart, pixels of the
// drawable's depth in its pixmap format's bits per pixel.
struct X11Image {
    const uint8_t *data = nullptr;
    int32_t width = 0;
    int32_t height = 0;
    int32_t strideBytes = 0;
    bool isNull() const { return data == nullptr; }
};

// Reads a rectangle of a drawable into client memory: through a MIT-SHM segment when
// the server offers one (no copy through the socket), else with a plain GetImage.
// The returned image stays valid until the next grab() or the grabber's destruction.
class X11ImageGrabber {
public:
    X11ImageGrabber(XcbConnection &connection, bool tryShm);
    ~X11ImageGrabber();
    X11ImageGrabber(const X11ImageGrabber &) = delete;
    X11ImageGrabber &operator=(const X11ImageGrabber &) = delete;

    bool usesShm() const { return shmAvailable_; }
    // bitsPerPixel: the pixmap format of the drawable's depth (8, 16 or 32). A null
    // image with error set on failure (a BadMatch when the drawable just went away or
    // shrank, for example).
    X11Image grab(xcb_drawable_t drawable, const Rect &rect, int bitsPerPixel, QString *error);

private:
    int32_t strideFor(int32_t width, int bitsPerPixel) const;
    bool ensureSegment(std::size_t bytes);
    void releaseSegment();

    XcbConnection &connection_;
    bool shmAvailable_ = false;
    uint32_t segment_ = 0;
    int shmId_ = -1;
    uint8_t *shmAddress_ = nullptr;
    std::size_t shmBytes_ = 0;
    XcbReply<xcb_get_image_reply_t> reply_;
};

} // namespace baton
