#include "core/capture/x11/X11WindowSource.h"

#include "core/capture/CaptureLogging.h"
#include "core/capture/x11/X11ApplicationWindows.h"
#include "core/capture/x11/X11CapturedWindow.h"
#include "core/capture/x11/X11ImageGrabber.h"
#include "core/capture/x11/XcbConnection.h"

#include <QSocketNotifier>
#include <QTimer>

#include <xcb/composite.h>
#include <xcb/damage.h>
#include <xcb/xfixes.h>

#include <algorithm>

namespace baton {
namespace {

// Damage is a hint the server keeps well, but a lost event would leave stale pixels in
// the picture for good (the picture is repainted only where damage says): every window
// is read whole this often.
constexpr std::chrono::seconds kFullRepaintInterval{2};

} // namespace

// A window of the picture.
struct X11WindowSource::Member {
    std::unique_ptr<X11CapturedWindow> capture;
    xcb_window_t topLevel = XCB_WINDOW_NONE;
    xcb_window_t transientFor = XCB_WINDOW_NONE;
    SharedWindow::Kind kind = SharedWindow::Kind::Main;
    QString title;
};

X11WindowSource::X11WindowSource(uint64_t windowId, X11CaptureOptions options, QObject *parent)
    : WindowSource(parent), windowId_(uint32_t(windowId)), options_(std::move(options))
{
    info_.id = windowId;
}

X11WindowSource::~X11WindowSource()
{
    stop();
}

bool X11WindowSource::usesComposite() const
{
    return !members_.empty() && members_.front()->capture->usesComposite();
}

bool X11WindowSource::usesShm() const
{
    return grabber_ && grabber_->usesShm();
}

bool X11WindowSource::hasDamage() const
{
    return damageExtension_;
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
    info_.title = connection_->title(windowId_);
    info_.className = connection_->className(windowId_);
    info_.pid = connection_->pid(windowId_);
    setUpExtensions();

    // The main window is checked and watched for as long as the share lasts, mapped or not.
    auto main = std::make_unique<Member>();
    main->capture = std::make_unique<X11CapturedWindow>(*connection_, windowId_,
                                                        options_.useComposite && composite_);
    if (!main->capture->start(damageExtension_, &error_)) {
        members_.clear();
        connection_.reset();
        return fail(error_);
    }
    main->capture->place(placement->geometry, placement->borderPx, false);
    main->title = info_.title;
    members_.push_back(std::move(main));

    xcb_connection_t *c = connection_->get();
    if (options_.scope == ShareScope::Application) {
        // Every top-level's map, unmap, move and restack: the application's menus and
        // dialogs are new top-levels.
        const uint32_t rootEvents = XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY;
        xcb_change_window_attributes(c, connection_->root(), XCB_CW_EVENT_MASK, &rootEvents);
    }
    application_ = std::make_unique<X11ApplicationWindows>(*connection_, windowId_, options_.scope);
    grabber_ = std::make_unique<X11ImageGrabber>(*connection_, options_.useShm);
    shrinkTimer_ = new QTimer(this);
    shrinkTimer_->setSingleShot(true);
    connect(shrinkTimer_, &QTimer::timeout, this, [this] {
        arrangePending_ = true;
        processEvents();
    });
    sequence_ = 0;
    cursorImageStale_ = true;
    shared_.clear();
    arrangePending_ = true;
    arrangedOnce_ = false;
    arrange();
    xcb_flush(c);

    notifier_ = new QSocketNotifier(xcb_get_file_descriptor(c), QSocketNotifier::Read, this);
    connect(notifier_, &QSocketNotifier::activated, this, &X11WindowSource::processEvents);
    // Debug, not info: the Share panel's thumbnails start a source per window every few
    // seconds; a share itself is logged by the session.
    qCDebug(lcCapture).noquote() << "capturing window" << Qt::hex << windowId_ << Qt::dec
                                 << info_.title << "scope:"
                                 << (options_.scope == ShareScope::Application ? "application"
                                                                               : "window")
                                 << "pixels:" << members_.front()->capture->conversion()
                                 << "composite:" << usesComposite() << "shm:" << usesShm()
                                 << "damage:" << hasDamage() << "cursor:" << hasXfixesCursor_;
    return true;
}

void X11WindowSource::stop()
{
    if (!connection_)
        return;
    delete notifier_;
    notifier_ = nullptr;
    delete shrinkTimer_;
    shrinkTimer_ = nullptr;
    grabber_.reset();
    application_.reset();
    members_.clear(); // each window unredirected and unwatched, unless it is gone
    xcb_connection_t *c = connection_->get();
    if (!closed_ && options_.scope == ShareScope::Application) {
        const uint32_t none = XCB_EVENT_MASK_NO_EVENT;
        xcb_change_window_attributes(c, connection_->root(), XCB_CW_EVENT_MASK, &none);
    }
    xcb_flush(c);
    connection_.reset();
    canvas_ = {};
    layoutDamage_.clear();
}

void X11WindowSource::setUpExtensions()
{
    xcb_connection_t *c = connection_->get();
    composite_ = false;
    if (options_.useComposite) {
        const auto *ext = xcb_get_extension_data(c, &xcb_composite_id);
        XcbReply<xcb_composite_query_version_reply_t> version(
            ext && ext->present ? xcb_composite_query_version_reply(
                                      c, xcb_composite_query_version(c, 0, 4), nullptr)
                                : nullptr);
        // NameWindowPixmap needs Composite 0.2.
        composite_ = version && (version->major_version > 0 || version->minor_version >= 2);
        if (!composite_)
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
    damageExtension_ = damageVersion && regions;
    if (damageExtension_)
        damageEventBase_ = damageExt->first_event;
    else
        qCInfo(lcCapture) << "no Damage/XFixes regions: every frame is hinted as fully damaged";
    hasXfixesCursor_ = regions;
    if (hasXfixesCursor_) {
        xfixesEventBase_ = xfixesExt->first_event;
        xcb_xfixes_select_cursor_input(c, connection_->root(),
                                       XCB_XFIXES_CURSOR_NOTIFY_MASK_DISPLAY_CURSOR);
    }
}

X11WindowSource::Member *X11WindowSource::member(xcb_window_t window)
{
    for (const auto &m : members_)
        if (m->capture->id() == window)
            return m.get();
    return nullptr;
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
        return;
    }
    if (connection_ && !closed_ && arrangePending_)
        arrange();
}

void X11WindowSource::handleEvent(const xcb_generic_event_t *event)
{
    const uint8_t type = event->response_type & 0x7f;
    if (damageExtension_ && type == damageEventBase_ + XCB_DAMAGE_NOTIFY) {
        const auto *notify = reinterpret_cast<const xcb_damage_notify_event_t *>(event);
        if (Member *m = member(notify->drawable)) {
            m->capture->fetchDamage();
            emit damaged();
        }
        return;
    }
    if (hasXfixesCursor_ && type == xfixesEventBase_ + XCB_XFIXES_CURSOR_NOTIFY) {
        cursorImageStale_ = true;
        emit cursorChanged();
        return;
    }
    switch (type) {
    case XCB_MAP_NOTIFY:
        if (Member *m = member(reinterpret_cast<const xcb_map_notify_event_t *>(event)->window))
            m->capture->mapped();
        arrangePending_ = true;
        break;
    case XCB_DESTROY_NOTIFY: {
        const xcb_window_t window =
            reinterpret_cast<const xcb_destroy_notify_event_t *>(event)->window;
        if (window == windowId_) {
            closed_ = true;
            mainMapped_ = info_.visible = false;
            // The server freed the pixmaps, damage objects and redirections with the
            // windows; only our ids are left to forget.
            for (const auto &m : members_)
                m->capture->forgetDestroyed();
            error_ = QStringLiteral("window closed");
            emitEvent(WindowEventKind::Closed);
            return;
        }
        if (Member *m = member(window))
            m->capture->forgetDestroyed();
        arrangePending_ = true;
        break;
    }
    case XCB_PROPERTY_NOTIFY: {
        // A new title (a document's name, a terminal's command) goes to the viewers.
        const auto *notify = reinterpret_cast<const xcb_property_notify_event_t *>(event);
        Member *m = member(notify->window);
        if (m && m->kind != SharedWindow::Kind::Popup &&
            (notify->atom == XCB_ATOM_WM_NAME ||
             notify->atom == connection_->atom("_NET_WM_NAME"))) {
            m->title = connection_->title(notify->window);
            if (notify->window == windowId_)
                info_.title = m->title;
            arrangePending_ = true;
        }
        break;
    }
    case XCB_COLORMAP_NOTIFY: {
        // A DirectColor or PseudoColor window's colours changed (a player's gamma ramp).
        const auto *notify = reinterpret_cast<const xcb_colormap_notify_event_t *>(event);
        if (Member *m = member(notify->window)) {
            QString error;
            if (!m->capture->colormapChanged(&error))
                qCWarning(lcCapture).noquote() << "window" << Qt::hex << notify->window << Qt::dec
                                               << "colours unreadable:" << error;
            emit damaged();
        }
        break;
    }
    case XCB_REPARENT_NOTIFY:
        // A window manager framed (or let go of) a window: its top-level changed.
        if (application_)
            application_->forgetAll();
        arrangePending_ = true;
        break;
    case XCB_UNMAP_NOTIFY:
    case XCB_CONFIGURE_NOTIFY:
    case XCB_CIRCULATE_NOTIFY:
    case XCB_FOCUS_IN:
    case XCB_FOCUS_OUT:
        arrangePending_ = true;
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

bool X11WindowSource::updateMembers(const XcbConnection::Placement &mainPlacement)
{
    // Keep the captures of windows still there; start the new ones; the main window's
    // capture stays whatever happens.
    std::vector<std::unique_ptr<Member>> previous = std::move(members_);
    members_.clear();
    std::vector<std::unique_ptr<Member>> next;
    bool mainMapped = false;
    for (const X11ApplicationWindows::Member &found : application_->scan()) {
        const xcb_window_t window = found.facts.window;
        const auto placement = window == windowId_ ? mainPlacement : connection_->placement(window);
        if (!placement)
            continue;
        auto kept = std::find_if(previous.begin(), previous.end(),
                                 [&](const auto &m) { return m && m->capture->id() == window; });
        std::unique_ptr<Member> m;
        if (kept != previous.end()) {
            m = std::move(*kept);
        } else {
            m = std::make_unique<Member>();
            m->capture = std::make_unique<X11CapturedWindow>(*connection_, window,
                                                             options_.useComposite && composite_);
            QString refusal;
            if (!m->capture->start(damageExtension_, &refusal)) {
                qCInfo(lcCapture).noquote() << "window" << Qt::hex << window << Qt::dec
                                            << "of the application left out:" << refusal;
                continue;
            }
            if (found.kind != SharedWindow::Kind::Popup)
                m->title = connection_->title(window);
        }
        m->topLevel = found.facts.topLevel;
        m->transientFor = found.facts.transientFor;
        m->kind = found.kind;
        m->capture->place(placement->geometry, placement->borderPx, window != windowId_);
        mainMapped = mainMapped || found.kind == SharedWindow::Kind::Main;
        next.push_back(std::move(m));
    }
    // The main window stays watched while hidden, below the rest; windows that went are
    // released with previous.
    const auto mainKept = std::find_if(previous.begin(), previous.end(), [&](const auto &m) {
        return m && m->capture->id() == windowId_;
    });
    if (!mainMapped && mainKept != previous.end()) {
        (*mainKept)->capture->place(mainPlacement.geometry, mainPlacement.borderPx, false);
        members_.push_back(std::move(*mainKept));
    }
    for (auto &m : next)
        members_.push_back(std::move(m));
    return mainMapped;
}

Rect X11WindowSource::placePicture(const Rect &main)
{
    std::vector<Rect> others;
    for (const auto &m : members_)
        if (m->capture->id() != windowId_)
            others.push_back(m->capture->geometry());
    const Rect screen{0, 0, connection_->screen().width_in_pixels,
                      connection_->screen().height_in_pixels};
    const Rect wanted = ShareArea::wantedBox(main, others, screen);
    if (!arrangedOnce_)
        area_.reset(wanted, main);
    const Rect box = area_.update(wanted, main, std::chrono::steady_clock::now());
    if (const auto due = area_.shrinkDue()) {
        const auto wait =
            std::chrono::ceil<std::chrono::milliseconds>(*due - std::chrono::steady_clock::now());
        shrinkTimer_->start(int(std::max<int64_t>(0, wait.count())));
    } else {
        shrinkTimer_->stop();
    }
    return box;
}

SharedWindows X11WindowSource::describeMembers(const Rect &box, bool mainMapped)
{
    xcb_connection_t *c = connection_->get();
    XcbReply<xcb_get_input_focus_reply_t> focus(
        xcb_get_input_focus_reply(c, xcb_get_input_focus(c), nullptr));
    SharedWindows shared;
    for (auto it = members_.rbegin(); it != members_.rend(); ++it) {
        const Member &m = **it;
        if (m.kind == SharedWindow::Kind::Main && !mainMapped)
            continue;
        SharedWindow window;
        window.id = m.capture->id();
        window.kind = m.kind;
        window.rect = m.capture->geometry().translated(-box.x, -box.y);
        window.title = m.title;
        window.focused = focus && (focus->focus == m.capture->id() || focus->focus == m.topLevel);
        if (m.kind == SharedWindow::Kind::Popup)
            window.ownerId = windowId_;
        else if (m.kind == SharedWindow::Kind::Window && member(m.transientFor))
            window.ownerId = m.transientFor;
        shared.push_back(std::move(window));
    }
    return shared;
}

void X11WindowSource::arrange()
{
    arrangePending_ = false;
    const auto mainPlacement = connection_->placement(windowId_);
    if (!mainPlacement)
        return; // destroyed: its DestroyNotify is on its way
    const bool mainMapped = updateMembers(*mainPlacement);
    const Rect before = info_.geometry;
    const Rect box = placePicture(mainPlacement->geometry);
    info_.geometry = box;
    info_.visible = mainMapped;
    SharedWindows shared = describeMembers(box, mainMapped);
    const bool resized = before.width != box.width || before.height != box.height;
    if (!resized) // a new size repaints everything anyway
        layoutDamage_ |= rearrangedArea(shared_, shared);
    const bool arranged = shared != shared_;
    shared_ = std::move(shared);

    const bool first = !arrangedOnce_;
    arrangedOnce_ = true;
    const bool shown = mainMapped && !mainMapped_;
    const bool visibilityChanged = mainMapped != mainMapped_;
    mainMapped_ = mainMapped;
    if (first)
        return;
    // One event says it all: Shown and Hidden, like Resized and Moved, come with a new
    // window list, so Arranged is only for what changed inside an unchanged picture.
    if (visibilityChanged)
        emitEvent(mainMapped ? WindowEventKind::Shown : WindowEventKind::Hidden);
    if (resized)
        emitEvent(WindowEventKind::Resized);
    else if (before.x != box.x || before.y != box.y)
        emitEvent(WindowEventKind::Moved);
    else if (arranged && !visibilityChanged)
        emitEvent(WindowEventKind::Arranged);
    if (resized || shown || !layoutDamage_.isEmpty())
        emit damaged();
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
    if (!mainMapped_)
        return fail(QStringLiteral("window hidden"));

    const Rect box = info_.geometry;
    if (canvas_.rect().width != box.width || canvas_.rect().height != box.height) {
        canvas_.resize(box.width, box.height);
        layoutDamage_ = Region(canvas_.rect());
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - lastFullRepaint_ >= kFullRepaintInterval) {
        layoutDamage_ = Region(canvas_.rect());
        for (const auto &m : members_)
            m->capture->damageAll();
    }
    if (layoutDamage_.contains(canvas_.rect()))
        lastFullRepaint_ = now;

    Region damage = std::move(layoutDamage_);
    layoutDamage_.clear();
    for (const auto &m : members_) {
        const Rect place = m->capture->geometry().translated(-box.x, -box.y);
        damage |= m->capture->takeDamage().translated(place.x, place.y);
    }
    damage &= Region(canvas_.rect());
    // Only what no opaque window paints over shows the background: clearing the rest
    // first was a twentieth of the host's CPU on a played video.
    Region uncovered = damage;
    for (const auto &m : members_)
        if (!m->capture->hasAlpha() && (m->capture->id() != windowId_ || mainMapped_))
            uncovered -= Region(m->capture->geometry().translated(-box.x, -box.y));
    canvas_.clear(uncovered);
    for (const auto &m : members_) {
        if (m->capture->id() == windowId_ && !mainMapped_)
            continue;
        const Rect place = m->capture->geometry().translated(-box.x, -box.y);
        const Region needed = damage.intersected(place);
        if (needed.isEmpty())
            continue;
        const Rect area = needed.boundingRect().translated(-place.x, -place.y);
        QString grabError;
        const FrameView pixels = m->capture->grab(*grabber_, area, &grabError);
        if (pixels.isNull()) {
            // The window went or shrank while we looked: its event is on its way. Until
            // then its place shows the background, not what it showed before.
            canvas_.clear(needed);
            layoutDamage_ |= needed;
            if (m->capture->id() == windowId_) {
                processEvents();
                processQueuedEventsLater();
                return fail(grabError);
            }
            arrangePending_ = true;
            continue;
        }
        const Rect grabbed{place.x + area.x, place.y + area.y, pixels.width(), pixels.height()};
        if (!m->capture->hasAlpha() && !grabbed.contains(needed.boundingRect()))
            canvas_.clear(needed.subtracted(Region(grabbed))); // it shrank while we looked
        canvas_.paint(pixels, grabbed.x, grabbed.y, needed, m->capture->hasAlpha());
    }
    processQueuedEventsLater();
    frame.pixels = canvas_.view();
    frame.damage = std::move(damage);
    frame.sequence = ++sequence_;
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
        xcb_query_pointer_reply(c, xcb_query_pointer(c, connection_->root()), nullptr));
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
