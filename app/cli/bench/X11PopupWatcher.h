#pragma once

#include "E2eTiming.h"

#include <QString>

#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

namespace baton {
class XcbConnection;
} // namespace baton

namespace baton::cli {

// Watches a display's root (SubstructureNotify) for override-redirect windows mapping and
// unmapping. Its own xcb connection is read on its own thread, so each event is stamped
// as it arrives however busy the bench's event loop is (a late stamp would flatter the
// delays measured from it).
class X11PopupWatcher {
public:
    // Watching from when it returns; nullptr with the reason when DISPLAY cannot be reached.
    static std::unique_ptr<X11PopupWatcher> start(const QString &display, QString *error);
    ~X11PopupWatcher();
    X11PopupWatcher(const X11PopupWatcher &) = delete;
    X11PopupWatcher &operator=(const X11PopupWatcher &) = delete;

    // Every showing so far, oldest first (callable from any thread).
    std::vector<PopupShowing> showings() const;

private:
    explicit X11PopupWatcher(std::unique_ptr<XcbConnection> connection);
    void run(const std::stop_token &stop);

    std::unique_ptr<XcbConnection> connection_;
    mutable std::mutex mutex_;
    std::vector<PopupShowing> showings_;
    std::jthread thread_; // last: stopped and joined before the connection goes
};

} // namespace baton::cli
