#pragma once

#include "codecs/frame/Frame.h"
#include "core/capture/x11/XcbConnection.h"

#include <xcb/shm.h>

namespace baton {

// Reads a rectangle of a drawable into client memory: through a MIT-SHM segment when
// the server offers one (no copy through the socket), else with a plain GetImage.
// The returned view stays valid until the next grab() or the grabber's destruction.
class X11ImageGrabber {
public:
    X11ImageGrabber(XcbConnection &connection, bool tryShm);
    ~X11ImageGrabber();
    X11ImageGrabber(const X11ImageGrabber &) = delete;
    X11ImageGrabber &operator=(const X11ImageGrabber &) = delete;

    bool usesShm() const { return shmAvailable_; }
    // Null view with error set on failure (a BadMatch when the drawable just went away
    // or shrank, for example).
    FrameView grab(xcb_drawable_t drawable, const Rect &rect, QString *error);

private:
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
