#include "core/capture/x11/X11WindowSource.h"

#include "core/capture/CaptureLogging.h"
#include "core/capture/x11/X11ImageGrabber.h"
#include "core/capture/x11/XcbConnection.h"

#include <QSocketNotifier>

#include <xcb/composite.h>
#include <xcb/damage.h>
#include <xcb/xfixes.h>

#include <cstring>

namespace baton {

X11WindowSource::X11WindowSource(uint64_t windowId, X11CaptureOptions options, QObject *parent)
    : WindowSource(parent), windowId_(uint32_t(windowId)), options_(std::move(options))
{
    info_.id = windowId;
}

X11WindowSource::~X11WindowSource()
{
    stop();
}

bool X11WindowSource::usesShm() const
{
    return grabber_ && grabber_->usesShm();
}

bool X11WindowSource::fail(const QString &message)
{
    error_ = message;
    qCWarning(lcCapture).noquote() << "window" << Qt::hex << windowId_ << Qt::dec << ":" << message;
    return false;
}

bool X11WindowSource::start()
{
    if (connection_)
        return true;
    error_.clear();
    closed_ = false;
    connection_ = XcbConnection::open(options_.display, &error_);
    if (!connection_)
        return fail(error_);
    const auto placement = connection_->placement(windowId_);
    if (!placement) {
        connection_.reset();
        return fail(QStringLiteral("no such window"));
    }
    info_.geometry = placement->geometry;
    borderPx_ = placement->borderPx;
    info_.title = connection_->title(windowId_);
    info_.className = connection_->className(windowId_);
    info_.pid = connection_->pid(windowId_);
    mapped_ = connection_->isViewable(windowId_);
    info_.visible = mapped_;
    if (!checkVisual()) {
        connection_.reset();
        return false;
    }

    xcb_connection_t *c = connection_->get();
    const uint32_t events = XCB_EVENT_MASK_STRUCTURE_NOTIFY;
    xcb_change_window_attributes(c, windowId_, XCB_CW_EVENT_MASK, &events);
    setUpExtensions();
    grabber_ = std::make_unique<X11ImageGrabber>(*connection_, options_.useShm);
    if (mapped_)
        nameWindowPixmap();
    xcb_flush(c);

    notifier_ = new QSocketNotifier(xcb_get_file_descriptor(c), QSocketNotifier::Read, this);
    connect(notifier_, &QSocketNotifier::activated, this, &X11WindowSource::processEvents);
    fullDamage_ = true;
    sequence_ = 0;
    cursorImageStale_ = true;
    // Debug, not info: the Share panel's thumbnails start a source per window every few
    // seconds; a share itself is logged by the session.
    qCDebug(lcCapture).noquote() << "capturing window" << Qt::hex << windowId_ << Qt::dec
                                << info_.title << "composite:" << pixmapCapture_
                                << "shm:" << usesShm() << "damage:" << hasDamage()
                                << "cursor:" << hasXfixesCursor_;
    return true;
}

void X11WindowSource::stop()
{
    if (!connection_)
        return;
    delete notifier_;
    notifier_ = nullptr;
    grabber_.reset();
    xcb_connection_t *c = connection_->get();
    if (!closed_) {
        releasePixmap();
        if (damage_ != 0)
            xcb_damage_destroy(c, damage_);
        if (pixmapCapture_)
            xcb_composite_unredirect_window(c, windowId_, XCB_COMPOSITE_REDIRECT_AUTOMATIC);
        const uint32_t none = XCB_EVENT_MASK_NO_EVENT;
        xcb_change_window_attributes(c, windowId_, XCB_CW_EVENT_MASK, &none);
    }
    damage_ = 0;
    pixmap_ = 0;
    pixmapCapture_ = false;
    xcb_flush(c);
    connection_.reset();
}

bool X11WindowSource::checkVisual()
{
    XcbReply<xcb_get_window_attributes_reply_t> attributes(xcb_get_window_attributes_reply(
        connection_->get(), xcb_get_window_attributes(connection_->get(), windowId_), nullptr));
    if (!attributes)
        return fail(QStringLiteral("no such window"));
    for (auto depths = xcb_screen_allowed_depths_iterator(&connection_->screen()); depths.rem;
         xcb_depth_next(&depths)) {
        for (auto visuals = xcb_depth_visuals_iterator(depths.data); visuals.rem;
             xcb_visualtype_next(&visuals)) {
            const xcb_visualtype_t *v = visuals.data;
            if (v->visual_id != attributes->visual)
                continue;
            if ((depths.data->depth == 24 || depths.data->depth == 32) &&
                v->_class == XCB_VISUAL_CLASS_TRUE_COLOR && v->red_mask == 0xff0000u &&
                v->green_mask == 0xff00u && v->blue_mask == 0xffu)
                return true;
            return fail(QStringLiteral("unsupported visual (depth %1); need 24/32-bit TrueColor")
                            .arg(depths.data->depth));
        }
    }
    return fail(QStringLiteral("window visual not found on its screen"));
}

void X11WindowSource::setUpExtensions()
{
    xcb_connection_t *c = connection_->get();
    pixmapCapture_ = false;
    if (options_.useComposite) {
        const auto *ext = xcb_get_extension_data(c, &xcb_composite_id);
        XcbReply<xcb_composite_query_version_reply_t> version(
            ext && ext->present ? xcb_composite_query_version_reply(
                                      c, xcb_composite_query_version(c, 0, 4), nullptr)
                                : nullptr);
        // NameWindowPixmap needs Composite 0.2.
        if (version && (version->major_version > 0 || version->minor_version >= 2)) {
            XcbReply<xcb_generic_error_t> error(
                xcb_request_check(c,
                                  xcb_composite_redirect_window_checked(
                                      c, windowId_, XCB_COMPOSITE_REDIRECT_AUTOMATIC)));
            pixmapCapture_ = !error;
        }
        if (!pixmapCapture_)
            qCInfo(lcCapture) << "Composite unavailable: capturing from the screen, covered "
                                 "parts will show what covers them";
    }

    const auto *damageExt = xcb_get_extension_data(c, &xcb_damage_id);
    XcbReply<xcb_damage_query_version_reply_t> damageVersion(
        damageExt && damageExt->present
            ? xcb_damage_query_version_reply(c, xcb_damage_query_version(c, 1, 1), nullptr)
            : nullptr);
    const auto *xfixesExt = xcb_get_extension_data(c, &xcb_xfixes_id);
    XcbReply<xcb_xfixes_query_version_reply_t> xfixesVersion(
        xfixesExt && xfixesExt->present
            ? xcb_xfixes_query_version_reply(c, xcb_xfixes_query_version(c, 4, 0), nullptr)
            : nullptr);
    // Fetching damage as a region needs XFixes regions (2.0) next to Damage 1.1.
    const bool regions = xfixesVersion && xfixesVersion->major_version >= 2;
    if (damageVersion && regions) {
        damage_ = xcb_generate_id(c);
        damageEventBase_ = damageExt->first_event;
        xcb_damage_create(c, damage_, windowId_, XCB_DAMAGE_REPORT_LEVEL_NON_EMPTY);
    } else {
        qCInfo(lcCapture) << "no Damage/XFixes regions: every frame is hinted as fully damaged";
    }
    hasXfixesCursor_ = regions;
    if (hasXfixesCursor_) {
        xfixesEventBase_ = xfixesExt->first_event;
        xcb_xfixes_select_cursor_input(c, connection_->root(),
                                       XCB_XFIXES_CURSOR_NOTIFY_MASK_DISPLAY_CURSOR);
    }
}

void X11WindowSource::nameWindowPixmap()
{
    if (!pixmapCapture_)
        return;
    releasePixmap();
    xcb_connection_t *c = connection_->get();
    pixmap_ = xcb_generate_id(c);
    XcbReply<xcb_generic_error_t> error(
        xcb_request_check(c, xcb_composite_name_window_pixmap_checked(c, windowId_, pixmap_)));
    if (error) {
        qCDebug(lcCapture) << "NameWindowPixmap failed, error" << error->error_code;
        pixmap_ = 0;
    }
}

void X11WindowSource::releasePixmap()
{
    if (pixmap_ != 0)
        xcb_free_pixmap(connection_->get(), pixmap_);
    pixmap_ = 0;
}

void X11WindowSource::processEvents()
{
    if (!connection_)
        return;
    while (connection_ && !closed_) {
        XcbReply<xcb_generic_event_t> event(xcb_poll_for_event(connection_->get()));
        if (!event)
            break;
        handleEvent(event.get());
    }
    if (connection_ && connection_->hasError()) {
        closed_ = true;
        fail(QStringLiteral("X connection lost"));
    }
}

void X11WindowSource::handleEvent(const xcb_generic_event_t *event)
{
    const uint8_t type = event->response_type & 0x7f;
    if (damage_ != 0 && type == damageEventBase_ + XCB_DAMAGE_NOTIFY) {
        fetchDamage();
        emit damaged();
        return;
    }
    if (hasXfixesCursor_ && type == xfixesEventBase_ + XCB_XFIXES_CURSOR_NOTIFY) {
        cursorImageStale_ = true;
        emit cursorChanged();
        return;
    }
    switch (type) {
    case XCB_CONFIGURE_NOTIFY:
        handleConfigure(reinterpret_cast<const xcb_configure_notify_event_t *>(event));
        break;
    case XCB_MAP_NOTIFY:
        if (reinterpret_cast<const xcb_map_notify_event_t *>(event)->window == windowId_) {
            mapped_ = info_.visible = true;
            nameWindowPixmap();
            fullDamage_ = true;
            emitEvent(WindowEventKind::Shown);
            emit damaged();
        }
        break;
    case XCB_UNMAP_NOTIFY:
        if (reinterpret_cast<const xcb_unmap_notify_event_t *>(event)->window == windowId_) {
            mapped_ = info_.visible = false;
            releasePixmap();
            emitEvent(WindowEventKind::Hidden);
        }
        break;
    case XCB_DESTROY_NOTIFY:
        if (reinterpret_cast<const xcb_destroy_notify_event_t *>(event)->window == windowId_) {
            closed_ = true;
            mapped_ = info_.visible = false;
            // The server freed the pixmap, the damage object and the redirection with the
            // window; only our ids are left to forget.
            pixmap_ = 0;
            damage_ = 0;
            pixmapCapture_ = false;
            error_ = QStringLiteral("window closed");
            emitEvent(WindowEventKind::Closed);
        }
        break;
    case 0: {
        const auto *error = reinterpret_cast<const xcb_generic_error_t *>(event);
        qCDebug(lcCapture) << "X error" << error->error_code << "for request" << error->major_code
                           << error->minor_code;
        break;
    }
    default:
        break;
    }
}

void X11WindowSource::handleConfigure(const xcb_configure_notify_event_t *event)
{
    if (event->window != windowId_)
        return;
    // Positions in ConfigureNotify are relative to the parent (a frame, under a window
    // manager), so ask for root coordinates.
    const auto placement = connection_->placement(windowId_);
    if (!placement)
        return;
    const Rect before = info_.geometry;
    info_.geometry = placement->geometry;
    borderPx_ = placement->borderPx;
    if (before.width != info_.geometry.width || before.height != info_.geometry.height) {
        nameWindowPixmap(); // the old pixmap keeps the old size
        fullDamage_ = true;
        emitEvent(WindowEventKind::Resized);
        emit damaged();
    } else if (before.x != info_.geometry.x || before.y != info_.geometry.y) {
        emitEvent(WindowEventKind::Moved);
    }
}

void X11WindowSource::fetchDamage()
{
    xcb_connection_t *c = connection_->get();
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

void X11WindowSource::emitEvent(WindowEventKind kind)
{
    emit windowEvent({kind, info_.geometry});
}

bool X11WindowSource::captureFrame(CapturedFrame &frame)
{
    if (!connection_)
        return fail(error_.isEmpty() ? QStringLiteral("not started") : error_);
    // A round trip first, so every event the server generated before this capture
    // (damage above all) is in the queue when we read it.
    xcb_connection_t *c = connection_->get();
    XcbReply<xcb_get_input_focus_reply_t> sync(
        xcb_get_input_focus_reply(c, xcb_get_input_focus(c), nullptr));
    processEvents();
    if (closed_)
        return fail(QStringLiteral("window closed"));
    if (!mapped_)
        return fail(QStringLiteral("window hidden"));
    if (pixmapCapture_ && pixmap_ == 0)
        nameWindowPixmap();

    const Rect size{0, 0, info_.geometry.width, info_.geometry.height};
    // The backing pixmap includes the border; the window itself starts inside it.
    const bool fromPixmap = pixmapCapture_ && pixmap_ != 0;
    const Rect source = fromPixmap ? size.translated(borderPx_, borderPx_) : size;
    QString grabError;
    const FrameView pixels = grabber_->grab(fromPixmap ? pixmap_ : windowId_, source, &grabError);
    processQueuedEventsLater();
    if (pixels.isNull()) {
        // Most often a resize raced the grab: the ConfigureNotify is on its way.
        processEvents();
        fullDamage_ = true;
        return fail(grabError);
    }
    frame.pixels = pixels;
    frame.damage = fullDamage_ ? Region(size) : pendingDamage_.intersected(size);
    frame.sequence = ++sequence_;
    pendingDamage_.clear();
    fullDamage_ = damage_ == 0;
    error_.clear();
    return true;
}

CursorState X11WindowSource::cursor()
{
    if (!connection_ || closed_)
        return cursor_;
    xcb_connection_t *c = connection_->get();
    if (hasXfixesCursor_ && cursorImageStale_) {
        XcbReply<xcb_xfixes_get_cursor_image_reply_t> image(
            xcb_xfixes_get_cursor_image_reply(c, xcb_xfixes_get_cursor_image(c), nullptr));
        if (image && image->width > 0 && image->height > 0 &&
            Frame::isValidSize(image->width, image->height)) {
            // XFixes gives premultiplied ARGB as native 32-bit words: BGRA in memory here.
            const FrameView view(reinterpret_cast<const uint8_t *>(
                                     xcb_xfixes_get_cursor_image_cursor_image(image.get())),
                                 image->width, image->height, image->width * kBytesPerPixel);
            cursor_.image = Frame::copyOf(view);
            cursor_.hotX = image->xhot;
            cursor_.hotY = image->yhot;
            cursor_.serial = image->cursor_serial;
        }
        cursorImageStale_ = false;
    }
    XcbReply<xcb_query_pointer_reply_t> pointer(
        xcb_query_pointer_reply(c, xcb_query_pointer(c, windowId_), nullptr));
    if (pointer) {
        cursor_.x = pointer->root_x - info_.geometry.x;
        cursor_.y = pointer->root_y - info_.geometry.y;
        cursor_.visible = pointer->same_screen != 0;
    }
    processQueuedEventsLater();
    return cursor_;
}

void X11WindowSource::processQueuedEventsLater()
{
    // Events that arrived while we waited for a reply were read off the socket into
    // xcb's queue, so the socket notifier never announces them. Damage is reported only
    // when the window's damage goes from empty to non-empty: a DamageNotify left in the
    // queue would stop the captures for good.
    QMetaObject::invokeMethod(this, &X11WindowSource::processEvents, Qt::QueuedConnection);
}

} // namespace baton
