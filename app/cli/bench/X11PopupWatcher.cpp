#include "X11PopupWatcher.h"

#include "core/capture/x11/XcbConnection.h"
#include "core/common/MonotonicClock.h"

#include <poll.h>

namespace baton::cli {
namespace {

// How often the thread looks at its stop flag while no event comes.
constexpr int kPollMs = 50;

// Adds a showing when an override-redirect child of root maps, ends it when it unmaps.
void record(const xcb_generic_event_t &event, xcb_window_t root, qint64 nowNs,
            std::vector<PopupShowing> &showings)
{
    switch (event.response_type & 0x7f) {
    case XCB_MAP_NOTIFY: {
        const auto &map = reinterpret_cast<const xcb_map_notify_event_t &>(event);
        if (map.event == root && map.override_redirect)
            showings.push_back({map.window, nowNs, 0});
        break;
    }
    case XCB_UNMAP_NOTIFY: {
        const auto &unmap = reinterpret_cast<const xcb_unmap_notify_event_t &>(event);
        if (unmap.event != root)
            break;
        for (auto showing = showings.rbegin(); showing != showings.rend(); ++showing) {
            if (showing->window == unmap.window && showing->unmappedNs == 0) {
                showing->unmappedNs = nowNs;
                break;
            }
        }
        break;
    }
    default:
        break;
    }
}

} // namespace

std::unique_ptr<X11PopupWatcher> X11PopupWatcher::start(const QString &display, QString *error)
{
    auto connection = XcbConnection::open(display.toLocal8Bit(), error);
    if (!connection)
        return nullptr;
    const uint32_t mask = XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY;
    xcb_connection_t *c = connection->get();
    // Checked, so watching has begun on the server when start() returns.
    XcbReply<xcb_generic_error_t> failed(xcb_request_check(
        c, xcb_change_window_attributes_checked(c, connection->root(), XCB_CW_EVENT_MASK, &mask)));
    if (failed) {
        *error = QStringLiteral("cannot watch the root window of %1 (X error %2)")
                     .arg(display)
                     .arg(failed->error_code);
        return nullptr;
    }
    return std::unique_ptr<X11PopupWatcher>(new X11PopupWatcher(std::move(connection)));
}

X11PopupWatcher::X11PopupWatcher(std::unique_ptr<XcbConnection> connection)
    : connection_(std::move(connection)),
      thread_([this](const std::stop_token &stop) { run(stop); })
{
}

X11PopupWatcher::~X11PopupWatcher() = default;

std::vector<PopupShowing> X11PopupWatcher::showings() const
{
    const std::lock_guard lock(mutex_);
    return showings_;
}

void X11PopupWatcher::run(const std::stop_token &stop)
{
    xcb_connection_t *c = connection_->get();
    pollfd readable{xcb_get_file_descriptor(c), POLLIN, 0};
    while (!stop.stop_requested() && !connection_->hasError()) {
        // Stamped before reading: whatever is read now was waiting when poll() returned.
        const qint64 nowNs = monotonicNowNs();
        for (XcbReply<xcb_generic_event_t> event(xcb_poll_for_event(c)); event;
             event.reset(xcb_poll_for_event(c))) {
            const std::lock_guard lock(mutex_);
            record(*event, connection_->root(), nowNs, showings_);
        }
        poll(&readable, 1, kPollMs);
    }
}

} // namespace baton::cli
