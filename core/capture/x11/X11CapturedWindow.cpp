#include "core/capture/x11/X11CapturedWindow.h"

#include "core/capture/CaptureLogging.h"
#include "core/capture/x11/X11ImageGrabber.h"
#include "core/capture/x11/X11PixelFormat.h"
#include "core/capture/x11/XcbConnection.h"

#include <xcb/composite.h>
#include <xcb/xfixes.h>

#include <algorithm>
#include <vector>

namespace baton {

X11CapturedWindow::X11CapturedWindow(XcbConnection &connection, xcb_window_t window,
                                     bool useComposite)
    : connection_(connection), window_(window), useComposite_(useComposite)
{
}

X11CapturedWindow::~X11CapturedWindow()
{
    if (destroyed_)
        return;
    xcb_connection_t *c = connection_.get();
    releasePixmap();
    if (damage_ != 0)
        xcb_damage_destroy(c, damage_);
    if (redirected_)
        xcb_composite_unredirect_window(c, window_, XCB_COMPOSITE_REDIRECT_AUTOMATIC);
    const uint32_t none = XCB_EVENT_MASK_NO_EVENT;
    xcb_change_window_attributes(c, window_, XCB_CW_EVENT_MASK, &none);
}

bool X11CapturedWindow::readPixelFormat(QString *error)
{
    const std::optional<X11PixelFormat> format = x11PixelFormat(connection_, window_, error);
    if (!format)
        return false;
    std::string reason;
    converter_ = PixelConverter::create(format->format, &reason);
    if (!converter_) {
        *error = QStringLiteral("cannot convert its pixels (depth %1): %2")
                     .arg(format->depth)
                     .arg(QString::fromStdString(reason));
        return false;
    }
    bitsPerPixel_ = format->format.bitsPerPixel;
    hasAlpha_ = format->format.premultipliedAlpha;
    return true;
}

bool X11CapturedWindow::colormapChanged(QString *error)
{
    fullDamage_ = true;
    return readPixelFormat(error);
}

QString X11CapturedWindow::conversion() const
{
    return converter_ ? QString::fromStdString(converter_->name()) : QString();
}

bool X11CapturedWindow::start(bool useDamage, QString *error)
{
    if (!readPixelFormat(error))
        return false;
    xcb_connection_t *c = connection_.get();
    const uint32_t events = XCB_EVENT_MASK_STRUCTURE_NOTIFY | XCB_EVENT_MASK_FOCUS_CHANGE |
        XCB_EVENT_MASK_COLOR_MAP_CHANGE | XCB_EVENT_MASK_PROPERTY_CHANGE;
    xcb_change_window_attributes(c, window_, XCB_CW_EVENT_MASK, &events);
    if (useComposite_) {
        XcbReply<xcb_generic_error_t> failure(xcb_request_check(
            c,
            xcb_composite_redirect_window_checked(c, window_, XCB_COMPOSITE_REDIRECT_AUTOMATIC)));
        redirected_ = !failure;
    }
    if (useDamage) {
        damage_ = xcb_generate_id(c);
        xcb_damage_create(c, damage_, window_, XCB_DAMAGE_REPORT_LEVEL_NON_EMPTY);
    }
    fullDamage_ = true;
    return true;
}

void X11CapturedWindow::forgetDestroyed()
{
    destroyed_ = true;
    pixmap_ = XCB_PIXMAP_NONE;
    damage_ = 0;
    redirected_ = false;
}

void X11CapturedWindow::place(const Rect &geometry, int32_t borderPx, bool withBorder)
{
    // Read from the window rather than its pixmap, the border cannot be had.
    const int32_t border = withBorder && redirected_ ? borderPx : 0;
    const Rect captured{geometry.x - border, geometry.y - border, geometry.width + 2 * border,
                        geometry.height + 2 * border};
    const bool resized = captured.width != geometry_.width || captured.height != geometry_.height;
    geometry_ = captured;
    pixmapOffsetPx_ = borderPx - border;
    if (resized) {
        releasePixmap(); // the old pixmap keeps the old size
        fullDamage_ = true;
    }
}

void X11CapturedWindow::mapped()
{
    releasePixmap();
    fullDamage_ = true;
}

void X11CapturedWindow::nameWindowPixmap()
{
    if (!redirected_)
        return;
    xcb_connection_t *c = connection_.get();
    pixmap_ = xcb_generate_id(c);
    XcbReply<xcb_generic_error_t> failure(
        xcb_request_check(c, xcb_composite_name_window_pixmap_checked(c, window_, pixmap_)));
    if (failure) {
        qCDebug(lcCapture) << "NameWindowPixmap failed, error" << failure->error_code;
        pixmap_ = XCB_PIXMAP_NONE;
    }
}

void X11CapturedWindow::releasePixmap()
{
    if (pixmap_ != XCB_PIXMAP_NONE)
        xcb_free_pixmap(connection_.get(), pixmap_);
    pixmap_ = XCB_PIXMAP_NONE;
}

void X11CapturedWindow::fetchDamage()
{
    if (damage_ == 0)
        return;
    xcb_connection_t *c = connection_.get();
    const xcb_xfixes_region_t region = xcb_generate_id(c);
    xcb_xfixes_create_region(c, region, 0, nullptr);
    xcb_damage_subtract(c, damage_, XCB_NONE, region);
    XcbReply<xcb_xfixes_fetch_region_reply_t> reply(
        xcb_xfixes_fetch_region_reply(c, xcb_xfixes_fetch_region(c, region), nullptr));
    xcb_xfixes_destroy_region(c, region);
    if (!reply) {
        fullDamage_ = true;
        return;
    }
    const xcb_rectangle_t *rects = xcb_xfixes_fetch_region_rectangles(reply.get());
    const int count = xcb_xfixes_fetch_region_rectangles_length(reply.get());
    std::vector<Rect> parts;
    parts.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i)
        parts.push_back({rects[i].x, rects[i].y, rects[i].width, rects[i].height});
    pendingDamage_ |= Region::fromRects(parts);
}

Region X11CapturedWindow::takeDamage()
{
    const Rect size{0, 0, geometry_.width, geometry_.height};
    Region damage = fullDamage_ || damage_ == 0 ? Region(size) : pendingDamage_.intersected(size);
    pendingDamage_.clear();
    fullDamage_ = false;
    return damage;
}

FrameView X11CapturedWindow::grab(X11ImageGrabber &grabber, const Rect &area, QString *error)
{
    if (redirected_ && pixmap_ == XCB_PIXMAP_NONE)
        nameWindowPixmap();
    const bool fromPixmap = pixmap_ != XCB_PIXMAP_NONE;
    const Rect source = fromPixmap ? area.translated(pixmapOffsetPx_, pixmapOffsetPx_) : area;
    const X11Image image =
        grabber.grab(fromPixmap ? pixmap_ : window_, source, bitsPerPixel_, error);
    if (image.isNull()) {
        fullDamage_ = true; // most often a resize raced the grab: its event is on its way
        return {};
    }
    if (converter_->isIdentity())
        return {image.data, image.width, image.height, image.strideBytes};
    if (converted_.width() < image.width || converted_.height() < image.height)
        converted_ = Frame(std::max(image.width, converted_.width()),
                           std::max(image.height, converted_.height()));
    converter_->convert(image.data, image.strideBytes, image.width, image.height, converted_.data(),
                        converted_.strideBytes());
    return converted_.view().subView({0, 0, image.width, image.height});
}

} // namespace baton
