#include "core/input/wayland/IdleTimeLocalInputMonitor.h"

#include "core/input/InputLogging.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

#include <utility>

namespace baton {
namespace {

const QString kService = QStringLiteral("org.gnome.Mutter.IdleMonitor");
const QString kPath = QStringLiteral("/org/gnome/Mutter/IdleMonitor/Core");
const QString kInterface = QStringLiteral("org.gnome.Mutter.IdleMonitor");
// A share starts in a blink or not at all; mutter answers at once when it runs.
constexpr int kCreateTimeoutMs = 5000;

QDBusMessage idleMonitorCall(const QString &method)
{
    return QDBusMessage::createMethodCall(kService, kPath, kInterface, method);
}

} // namespace

std::unique_ptr<IdleTimeLocalInputMonitor>
IdleTimeLocalInputMonitor::create(const QDBusConnection &bus, OwnInputAt ownInputAt, QString *error)
{
    if (!bus.isConnected()) {
        *error = QStringLiteral("no D-Bus session bus");
        return nullptr;
    }
    if (!bus.interface()->isServiceRegistered(kService)) {
        *error = QStringLiteral("%1 is not on the session bus: not a GNOME desktop (KDE's and "
                                "wlroots' compositors have no such D-Bus interface)")
                     .arg(kService);
        return nullptr;
    }
    std::unique_ptr<IdleTimeLocalInputMonitor> monitor(
        new IdleTimeLocalInputMonitor(bus, std::move(ownInputAt)));
    // The signal is connected before the first watch is asked for, so none fires unseen.
    if (!monitor->bus_.connect(kService, kPath, kInterface, QStringLiteral("WatchFired"),
                               monitor.get(), SLOT(watchFired(uint)))) {
        *error = QStringLiteral("cannot listen to %1's WatchFired").arg(kService);
        return nullptr;
    }
    const QDBusMessage reply = bus.call(idleMonitorCall(QStringLiteral("AddUserActiveWatch")),
                                        QDBus::Block, kCreateTimeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().size() != 1) {
        *error = QStringLiteral("%1 refused a watch: %2").arg(kService, reply.errorMessage());
        return nullptr;
    }
    monitor->watchId_ = reply.arguments().constFirst().toUInt();
    return monitor;
}

IdleTimeLocalInputMonitor::IdleTimeLocalInputMonitor(const QDBusConnection &bus,
                                                     OwnInputAt ownInputAt)
    : bus_(bus), ownInputAt_(std::move(ownInputAt))
{
}

IdleTimeLocalInputMonitor::~IdleTimeLocalInputMonitor()
{
    if (watchId_ == 0)
        return;
    // No reply awaited: mutter also drops a client's watches when it leaves the bus.
    QDBusMessage remove = idleMonitorCall(QStringLiteral("RemoveWatch"));
    remove << watchId_;
    remove.setAutoStartService(false);
    bus_.send(remove);
}

void IdleTimeLocalInputMonitor::watchFired(uint id)
{
    if (id == watchId_ && watchId_ != 0) {
        watchId_ = 0;
        activity();
        addWatch();
    } else if (adding_) {
        firedUnknown_.insert(id);
    }
}

void IdleTimeLocalInputMonitor::activity()
{
    ++activitySeen_;
    const Clock::time_point ownInputAt = ownInputAt_ ? ownInputAt_() : Clock::time_point();
    if (Clock::now() - ownInputAt > kOwnInputMargin)
        emit localInput();
}

void IdleTimeLocalInputMonitor::addWatch()
{
    adding_ = true;
    auto *call = new QDBusPendingCallWatcher(
        bus_.asyncCall(idleMonitorCall(QStringLiteral("AddUserActiveWatch"))), this);
    connect(call, &QDBusPendingCallWatcher::finished, this, &IdleTimeLocalInputMonitor::watchAdded);
}

void IdleTimeLocalInputMonitor::watchAdded(QDBusPendingCallWatcher *call)
{
    call->deleteLater();
    adding_ = false;
    const QDBusPendingReply<uint> reply = *call;
    const std::set<uint> firedUnknown = std::exchange(firedUnknown_, {});
    if (reply.isError()) {
        qCWarning(lcInput).noquote()
            << "mutter's idle monitor refused a watch; the host's own input goes unseen:"
            << reply.error().message();
        return;
    }
    watchId_ = reply.value();
    if (firedUnknown.contains(watchId_))
        watchFired(watchId_);
}

} // namespace baton
