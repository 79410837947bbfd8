#include "HeadlessGnome.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <sys/prctl.h>
#include <unistd.h>

namespace baton::cli {

namespace {

constexpr int kStartTimeoutMs = 30000;
constexpr int kStopTimeoutMs = 5000;

const QString kMutterScreenCast = QStringLiteral("org.gnome.Mutter.ScreenCast");

QString tail(const QString &path, int lines)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> all = file.readAll().split('\n');
    return QString::fromLocal8Bit(all.mid(qMax(0, all.size() - lines - 1)).join('\n')).trimmed();
}

// Runs the event loop for ms milliseconds: the daemons' pipes and the bus keep working.
void spinFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

HeadlessGnome::HeadlessGnome()
    : connectionName_(QStringLiteral("baton-headless-gnome-%1").arg(quintptr(this), 0, 16))
{
}

HeadlessGnome::~HeadlessGnome()
{
    stopAll();
}

QProcessEnvironment HeadlessGnome::daemonEnvironment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET", "PIPEWIRE_REMOTE",
                             "PIPEWIRE_RUNTIME_DIR", "DBUS_SESSION_BUS_ADDRESS", "XAUTHORITY",
                             "SESSION_MANAGER", "QT_QPA_PLATFORM", "GDK_BACKEND"})
        env.remove(QString::fromLatin1(name));
    const QString dir = runtimeDir_.path();
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir);
    env.insert(QStringLiteral("WAYLAND_DISPLAY"), waylandDisplay_);
    if (!busAddress_.isEmpty())
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), busAddress_);
    // The portal picks its backend by the desktop's name (UseIn=gnome).
    env.insert(QStringLiteral("XDG_CURRENT_DESKTOP"), QStringLiteral("GNOME"));
    env.insert(QStringLiteral("XDG_SESSION_TYPE"), QStringLiteral("wayland"));
    // Settings, the portal's permission store and the like stay in the runtime directory.
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_STATE_HOME"), dir + QStringLiteral("/state"));
    env.insert(QStringLiteral("GSETTINGS_BACKEND"), QStringLiteral("memory"));
    return env;
}

QProcessEnvironment HeadlessGnome::environment() const
{
    QProcessEnvironment env = daemonEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("wayland"));
    env.insert(QStringLiteral("QT_WAYLAND_DISABLE_WINDOWDECORATION"), QStringLiteral("1"));
    env.insert(QStringLiteral("GDK_BACKEND"), QStringLiteral("wayland"));
    return env;
}

void HeadlessGnome::useInThisProcess() const
{
    qputenv("DBUS_SESSION_BUS_ADDRESS", busAddress_.toLocal8Bit());
    qputenv("XDG_RUNTIME_DIR", runtimeDir_.path().toLocal8Bit());
    qputenv("WAYLAND_DISPLAY", waylandDisplay_.toLocal8Bit());
    qunsetenv("DISPLAY");
    qunsetenv("PIPEWIRE_REMOTE");
    qunsetenv("PIPEWIRE_RUNTIME_DIR");
}

QProcess *HeadlessGnome::launch(const QString &name, const QString &program,
                                const QStringList &arguments,
                                const QProcessEnvironment &environment, bool logToFile, bool client)
{
    auto process = std::make_unique<QProcess>();
    process->setProgram(program);
    process->setArguments(arguments);
    process->setProcessEnvironment(environment);
    const QString log = runtimeDir_.filePath(name + QStringLiteral(".log"));
    if (logToFile) {
        process->setProcessChannelMode(QProcess::MergedChannels);
        process->setStandardOutputFile(log);
    } else {
        process->setStandardErrorFile(log);
    }
    // The first process (the bus) leads a new process group; every later one, and what the
    // bus activates, joins it, so that one kill() reaches them all. PDEATHSIG: a test that
    // crashes or is killed at its timeout leaves no daemon behind.
    const pid_t group = group_;
    process->setChildProcessModifier([group] {
        ::setpgid(0, group);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    });
    process->start();
    if (!process->waitForStarted(kStopTimeoutMs))
        return nullptr;
    if (group_ == 0)
        group_ = pid_t(process->processId());
    processes_.push_back({name, std::move(process), client});
    return processes_.back().process.get();
}

bool HeadlessGnome::waitFor(const std::function<bool()> &condition, int timeoutMs,
                            const QString &what, QString *error, const QProcess *client)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        for (const Daemon &daemon : processes_) {
            if ((!daemon.client || daemon.process.get() == client) &&
                daemon.process->state() == QProcess::NotRunning) {
                *error = QStringLiteral("%1 exited (status %2) while waiting for %3")
                             .arg(daemon.name)
                             .arg(daemon.process->exitCode())
                             .arg(what);
                return false;
            }
        }
        if (deadline.hasExpired()) {
            *error = QStringLiteral("no %1 after %2 s").arg(what).arg(timeoutMs / 1000);
            return false;
        }
        spinFor(20);
    }
    return true;
}

QDBusConnection HeadlessGnome::bus() const
{
    return QDBusConnection(connectionName_);
}

bool HeadlessGnome::nameOwned(const QString &name) const
{
    const QDBusConnection connection = bus();
    return connection.isConnected() && connection.interface()->isServiceRegistered(name).value();
}

bool HeadlessGnome::start(const Options &options, QString *error)
{
    const auto fail = [&](const QString &why) {
        *error = QStringLiteral("headless GNOME: %1\n%2").arg(why, logTails());
        stopAll();
        return false;
    };
    if (!runtimeDir_.isValid())
        return fail(QStringLiteral("no runtime directory: ") + runtimeDir_.errorString());
    // libwayland, PipeWire and the bus refuse a runtime directory others may read.
    QFile::setPermissions(runtimeDir_.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    for (const char *sub : {"config", "data", "state"})
        QDir(runtimeDir_.path()).mkdir(QString::fromLatin1(sub));
    waylandDisplay_ = QStringLiteral("baton-wayland");

    QProcess *dbus = launch(QStringLiteral("dbus-daemon"), QStringLiteral("dbus-daemon"),
                            {QStringLiteral("--session"), QStringLiteral("--nofork"),
                             QStringLiteral("--print-address=1")},
                            daemonEnvironment(), false);
    if (!dbus)
        return fail(QStringLiteral("dbus-daemon does not start"));
    QByteArray address;
    if (!waitFor(
            [&] {
                address += dbus->readAllStandardOutput();
                return address.contains('\n');
            },
            kStartTimeoutMs, QStringLiteral("bus address from dbus-daemon"), error))
        return fail(*error);
    busAddress_ = QString::fromLocal8Bit(address.trimmed());
    const QDBusConnection connection = QDBusConnection::connectToBus(busAddress_, connectionName_);
    if (!connection.isConnected())
        return fail(QStringLiteral("cannot connect to the private bus %1: %2")
                        .arg(busAddress_, connection.lastError().message()));

    const QProcessEnvironment env = daemonEnvironment();
    if (!launch(QStringLiteral("pipewire"), QStringLiteral("pipewire"), {}, env, true))
        return fail(QStringLiteral("pipewire does not start"));
    const QString pipewireSocket = runtimeDir_.filePath(QStringLiteral("pipewire-0"));
    if (!waitFor([&] { return QFileInfo::exists(pipewireSocket); }, kStartTimeoutMs,
                 QStringLiteral("PipeWire socket"), error))
        return fail(*error);
    if (!launch(QStringLiteral("wireplumber"), QStringLiteral("wireplumber"), {}, env, true))
        return fail(QStringLiteral("wireplumber does not start"));

    const QString monitor =
        QStringLiteral("%1x%2").arg(options.monitor.width()).arg(options.monitor.height());
    if (!launch(QStringLiteral("mutter"), QStringLiteral("mutter"),
                {QStringLiteral("--headless"), QStringLiteral("--wayland"),
                 QStringLiteral("--no-x11"), QStringLiteral("--virtual-monitor"), monitor,
                 QStringLiteral("--wayland-display=") + waylandDisplay_},
                env, true))
        return fail(QStringLiteral("mutter does not start"));
    const QString waylandSocket = runtimeDir_.filePath(waylandDisplay_);
    if (!waitFor([&] { return QFileInfo::exists(waylandSocket) && nameOwned(kMutterScreenCast); },
                 kStartTimeoutMs, QStringLiteral("Wayland socket and org.gnome.Mutter.ScreenCast"),
                 error))
        return fail(*error);

    if (options.portal) {
        // Started here rather than by D-Bus activation on first use, so that their logs are
        // the fixture's and a test's first portal call does not wait for them.
        QProcessEnvironment portalEnv = env;
        portalEnv.insert(QStringLiteral("GDK_BACKEND"), QStringLiteral("wayland"));
        if (!launch(QStringLiteral("xdg-desktop-portal-gnome"),
                    QStringLiteral("/usr/libexec/xdg-desktop-portal-gnome"),
                    {QStringLiteral("--verbose")}, portalEnv, true))
            return fail(QStringLiteral("xdg-desktop-portal-gnome does not start"));
        if (!waitFor(
                [&] {
                    return nameOwned(QStringLiteral("org.freedesktop.impl.portal.desktop.gnome"));
                },
                kStartTimeoutMs, QStringLiteral("org.freedesktop.impl.portal.desktop.gnome"),
                error))
            return fail(*error);
        if (!launch(QStringLiteral("xdg-desktop-portal"),
                    QStringLiteral("/usr/libexec/xdg-desktop-portal"),
                    {QStringLiteral("--verbose")}, portalEnv, true))
            return fail(QStringLiteral("xdg-desktop-portal does not start"));
        if (!waitFor([&] { return nameOwned(QStringLiteral("org.freedesktop.portal.Desktop")); },
                     kStartTimeoutMs, QStringLiteral("org.freedesktop.portal.Desktop"), error))
            return fail(*error);
    }
    return true;
}

bool HeadlessGnome::hasFocusedWindow()
{
    // A connection of its own: mutter ends the probe's session when it disconnects.
    const QString name = connectionName_ + QStringLiteral("-probe");
    bool focused = false;
    {
        const QDBusConnection probe = QDBusConnection::connectToBus(busAddress_, name);
        QDBusMessage create = QDBusMessage::createMethodCall(
            kMutterScreenCast, QStringLiteral("/org/gnome/Mutter/ScreenCast"), kMutterScreenCast,
            QStringLiteral("CreateSession"));
        create << QVariantMap();
        const QDBusReply<QDBusObjectPath> session = probe.call(create);
        if (session.isValid()) {
            QDBusMessage record = QDBusMessage::createMethodCall(
                kMutterScreenCast, session.value().path(),
                QStringLiteral("org.gnome.Mutter.ScreenCast.Session"),
                QStringLiteral("RecordWindow"));
            record << QVariantMap();
            focused = probe.call(record).type() == QDBusMessage::ReplyMessage;
        }
    }
    QDBusConnection::disconnectFromBus(name);
    return focused;
}

QProcess *HeadlessGnome::startClient(const QString &program, const QStringList &arguments,
                                     QString *error)
{
    const QString name = QStringLiteral("client-%1-%2").arg(program).arg(processes_.size());
    QProcess *client = launch(name, program, arguments, environment(), true, true);
    if (!client) {
        *error = QStringLiteral("%1 does not start").arg(program);
        return nullptr;
    }
    if (!waitFor([&] { return hasFocusedWindow(); }, kStartTimeoutMs,
                 QStringLiteral("focused window of %1").arg(program), error, client)) {
        *error += QLatin1Char('\n') + logTails();
        return nullptr;
    }
    return client;
}

void HeadlessGnome::stopCompositor()
{
    for (Daemon &daemon : processes_) {
        if (daemon.name != QLatin1String("mutter"))
            continue;
        // SIGKILL: mutter 43 does not end on SIGTERM while Wayland clients are connected.
        daemon.process->kill();
        daemon.process->waitForFinished(kStopTimeoutMs);
    }
}

qint64 HeadlessGnome::compositorPid() const
{
    for (const Daemon &daemon : processes_)
        if (daemon.name == QLatin1String("mutter"))
            return daemon.process->processId();
    return 0;
}

QString HeadlessGnome::logTails(int lines) const
{
    QString all;
    for (const Daemon &daemon : processes_) {
        const QString text =
            tail(runtimeDir_.filePath(daemon.name + QStringLiteral(".log")), lines);
        all += QStringLiteral("--- %1.log\n%2\n").arg(daemon.name, text);
    }
    return all;
}

void HeadlessGnome::stopAll()
{
    QDBusConnection::disconnectFromBus(connectionName_);
    if (group_ == 0)
        return;
    // The whole group: the daemons, the clients and what the bus activated.
    ::kill(-group_, SIGTERM);
    const QDeadlineTimer deadline(kStopTimeoutMs);
    for (Daemon &daemon : processes_)
        daemon.process->waitForFinished(int(qMax<qint64>(1, deadline.remainingTime())));
    ::kill(-group_, SIGKILL);
    for (Daemon &daemon : processes_)
        daemon.process->waitForFinished(kStopTimeoutMs);
    // Activated services are the bus's children, reaped by init once the bus is gone.
    const QDeadlineTimer gone(kStopTimeoutMs);
    while (::kill(-group_, 0) == 0 && !gone.hasExpired())
        spinFor(20);
    processes_.clear();
    group_ = 0;
}

} // namespace baton::cli
