#pragma once

#include "core/input/LocalInputMonitor.h"

#include <QDBusConnection>
#include <QString>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>

class QDBusPendingCallWatcher;

namespace baton {

// Local input on a GNOME Wayland desktop, read from mutter's idle monitor
// (org.gnome.Mutter.IdleMonitor, /org/gnome/Mutter/IdleMonitor/Core): a Wayland client
// never sees another client's input, and the idle time is all GNOME tells of the
// person's. Each time the idle time restarts, someone used a keyboard or a pointer; when
// the session's own injector sent nothing just before (kOwnInputMargin), it was the person
// at the host, and localInput() is emitted.
//
// Limits:
// - Any input anywhere on the desktop counts, pointer motion included, over any window or
//   none: not only a press into the shared window as on X11.
// - While the injector's events follow each other closer than kOwnInputMargin (a viewer
//   typing or dragging), the host's input in between goes unseen: the host's first event
//   after such a pause takes the floor back.
// - An event whose idle restart reaches this process later than kOwnInputMargin after the
//   injector sent it (the compositor or this thread stalled that long) is taken for the
//   host's.
// - mutter's "user active" watch fires once; input in the round trip that asks for the
//   next one goes unseen (the person's next event is seen).
// - Only GNOME has the interface, and create() refuses elsewhere. KDE's and wlroots'
//   compositors tell idle time only through a Wayland protocol (ext-idle-notify-v1),
//   which needs a Wayland connection of our own: not done.
//
// Lives on the thread that created it (D-Bus signals arrive there).
class IdleTimeLocalInputMonitor final : public LocalInputMonitor {
    Q_OBJECT
public:
    using Clock = std::chrono::steady_clock;
    // When the session's own injector last sent an event (the epoch when never).
    using OwnInputAt = std::function<Clock::time_point()>;

    // The time the compositor may take to turn an injected event into an idle restart
    // that reaches this process, with a wide margin for a busy machine.
    static constexpr std::chrono::milliseconds kOwnInputMargin{1000};

    // bus: the session bus the compositor is on. Refused (null, error set) where mutter's
    // idle monitor is not on it.
    static std::unique_ptr<IdleTimeLocalInputMonitor> create(const QDBusConnection &bus,
                                                             OwnInputAt ownInputAt, QString *error);
    ~IdleTimeLocalInputMonitor() override;

    // Idle restarts seen so far, the injector's own included: the desktop's input activity.
    uint64_t activitySeen() const { return activitySeen_; }

private slots:
    void watchFired(uint id);

private:
    IdleTimeLocalInputMonitor(const QDBusConnection &bus, OwnInputAt ownInputAt);
    void activity();
    void addWatch();
    void watchAdded(QDBusPendingCallWatcher *call);

    QDBusConnection bus_;
    OwnInputAt ownInputAt_;
    // mutter's "user active" watches fire once: a new one is asked for after each.
    uint watchId_ = 0;
    bool adding_ = false;
    // Watches that fired before the reply that named them was read: the signal and the
    // reply are handled in separate events.
    std::set<uint> firedUnknown_;
    uint64_t activitySeen_ = 0;
};

} // namespace baton
