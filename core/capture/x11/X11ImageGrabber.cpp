#include "core/capture/x11/X11ImageGrabber.h"

#include "core/capture/CaptureLogging.h"

#include <sys/ipc.h>
#include <sys/shm.h>

namespace baton {

X11ImageGrabber::X11ImageGrabber(XcbConnection &connection, bool tryShm) : connection_(connection)
{
    if (!tryShm)
        return;
    xcb_connection_t *c = connection_.get();
    const xcb_query_extension_reply_t *extension = xcb_get_extension_data(c, &xcb_shm_id);
    if (!extension || !extension->present)
        return;
    XcbReply<xcb_shm_query_version_reply_t> version(
        xcb_shm_query_version_reply(c, xcb_shm_query_version(c), nullptr));
    shmAvailable_ = version != nullptr;
}

X11ImageGrabber::~X11ImageGrabber()
{
    releaseSegment();
}

void X11ImageGrabber::releaseSegment()
{
    if (segment_ != 0)
        xcb_shm_detach(connection_.get(), segment_);
    if (shmAddress_ != nullptr)
        shmdt(shmAddress_);
    segment_ = 0;
    shmAddress_ = nullptr;
    shmBytes_ = 0;
}

bool X11ImageGrabber::ensureSegment(std::size_t bytes)
{
    if (segment_ != 0 && shmBytes_ >= bytes)
        return true;
    releaseSegment();
    xcb_connection_t *c = connection_.get();
    const int id = shmget(IPC_PRIVATE, bytes, IPC_CREAT | 0600);
    if (id < 0)
        return false;
    void *address = shmat(id, nullptr, 0);
    if (address == reinterpret_cast<void *>(-1)) {
        shmctl(id, IPC_RMID, nullptr);
        return false;
    }
    const uint32_t segment = xcb_generate_id(c);
    XcbReply<xcb_generic_error_t> error(
        xcb_request_check(c, xcb_shm_attach_checked(c, segment, uint32_t(id), 0)));
    // Marked for removal now: the kernel frees it once both sides have detached, even
    // if this process dies.
    shmctl(id, IPC_RMID, nullptr);
    if (error) {
        shmdt(address);
        // A remote server cannot see our memory: stop trying.
        shmAvailable_ = false;
        qCInfo(lcCapture) << "MIT-SHM attach refused (error" << error->error_code
                          << "); using GetImage";
        return false;
    }
    segment_ = segment;
    shmId_ = id;
    shmAddress_ = static_cast<uint8_t *>(address);
    shmBytes_ = bytes;
    return true;
}

int32_t X11ImageGrabber::strideFor(int32_t width, int bitsPerPixel) const
{
    // Rows are padded to the pixmap format's scanline pad (32 bits on every server we know).
    int pad = 32;
    const xcb_setup_t *setup = xcb_get_setup(connection_.get());
    for (auto formats = xcb_setup_pixmap_formats_iterator(setup); formats.rem;
         xcb_format_next(&formats))
        if (formats.data->bits_per_pixel == bitsPerPixel)
            pad = formats.data->scanline_pad;
    const int64_t bits = int64_t(width) * bitsPerPixel;
    return int32_t((bits + pad - 1) / pad * pad / 8);
}

X11Image X11ImageGrabber::grab(xcb_drawable_t drawable, const Rect &rect, int bitsPerPixel,
                               QString *error)
{
    xcb_connection_t *c = connection_.get();
    const std::size_t strideBytes = std::size_t(strideFor(rect.width, bitsPerPixel));
    const std::size_t bytes = strideBytes * std::size_t(rect.height);
    if (shmAvailable_ && ensureSegment(bytes)) {
        xcb_generic_error_t *rawError = nullptr;
        XcbReply<xcb_shm_get_image_reply_t> reply(xcb_shm_get_image_reply(
            c,
            xcb_shm_get_image(c, drawable, int16_t(rect.x), int16_t(rect.y), uint16_t(rect.width),
                              uint16_t(rect.height), ~0u, XCB_IMAGE_FORMAT_Z_PIXMAP, segment_, 0),
            &rawError));
        XcbReply<xcb_generic_error_t> failure(rawError);
        if (!reply) {
            if (error)
                *error = QStringLiteral("ShmGetImage failed (X error %1)")
                             .arg(failure ? failure->error_code : -1);
            return {};
        }
        return {shmAddress_, rect.width, rect.height, int32_t(strideBytes)};
    }
    xcb_generic_error_t *rawError = nullptr;
    reply_.reset(xcb_get_image_reply(
        c,
        xcb_get_image(c, XCB_IMAGE_FORMAT_Z_PIXMAP, drawable, int16_t(rect.x), int16_t(rect.y),
                      uint16_t(rect.width), uint16_t(rect.height), ~0u),
        &rawError));
    XcbReply<xcb_generic_error_t> failure(rawError);
    if (!reply_ || std::size_t(xcb_get_image_data_length(reply_.get())) < bytes) {
        if (error)
            *error = QStringLiteral("GetImage failed (X error %1)")
                         .arg(failure ? failure->error_code : -1);
        reply_.reset();
        return {};
    }
    return {xcb_get_image_data(reply_.get()), rect.width, rect.height, int32_t(strideBytes)};
}

} // namespace baton
