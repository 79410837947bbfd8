#pragma once

#include <QDBusConnection>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <sys/types.h>
#include <vector>

namespace baton::cli {

// A headless GNOME desktop of the caller's own (the Wayland tests' fixture, and the Wayland
// host of `baton-cli bench e2e --host wayland`): a private runtime directory and session bus,
// PipeWire and WirePlumber, mutter as a headless Wayland compositor with one virtual
// monitor (it owns org.gnome.Mutter.ScreenCast and RemoteDesktop on that bus) and, when
// asked, xdg-desktop-portal with its GNOME backend. Nothing of the user's session is used
// or touched: DISPLAY is removed, the XDG config and data directories are private too.
//
// Every process it starts (the daemons, the clients, and what the session bus starts on
// demand) is in one process group, which the destructor ends (SIGTERM, then SIGKILL) and
// waits for. The daemons also get SIGKILL when the owning process dies without running the
// destructor. Each daemon logs to NAME.log in the runtime directory; a failing start()
// puts the tails of those logs into its error.
class HeadlessGnome {
public:
    struct Options {
        QSize monitor{1280, 720};
        // Also xdg-desktop-portal and xdg-desktop-portal-gnome.
        bool portal = false;
    };

    HeadlessGnome();
    ~HeadlessGnome();
    HeadlessGnome(const HeadlessGnome &) = delete;
    HeadlessGnome &operator=(const HeadlessGnome &) = delete;

    // Starts everything and returns once mutter's ScreenCast interface is on the bus and its
    // Wayland socket exists (and, with portal, once org.freedesktop.portal.Desktop is on
    // the bus). False with the reason in *error otherwise; call it once.
    bool start(const Options &options, QString *error);

    // The environment for client programs and baton-cli processes: this desktop's bus,
    // runtime directory and Wayland display, Qt on the wayland platform without its own
    // window decorations, no DISPLAY.
    QProcessEnvironment environment() const;
    // Points this process at the desktop: sets DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR
    // and WAYLAND_DISPLAY and removes DISPLAY, so that QDBusConnection::sessionBus() and
    // libpipewire connect to it. Call it before anything in the process first uses
    // QDBusConnection::sessionBus(): Qt connects the session bus once, on first use, and
    // keeps that connection for the life of the process (so one desktop per test process).
    void useInThisProcess() const;

    // Starts program (e.g. "foot") with environment() and waits until a window has the
    // keyboard focus (new mutter windows get it); null with the reason in *error. Which
    // window is focused cannot be told from mutter's D-Bus interfaces, so start the
    // clients one at a time. The fixture owns the process and ends it with the rest.
    QProcess *startClient(const QString &program, const QStringList &arguments, QString *error);
    // Whether some window has the keyboard focus: mutter records "the focused window" only
    // when there is one. Asked on a connection of the fixture's own, never sessionBus().
    bool hasFocusedWindow();

    // Kills mutter (as a crash would) and waits until it exited: its D-Bus names and
    // sessions go, its clients lose their display.
    void stopCompositor();

    // mutter's process id, 0 when it is not running: the bench counts its CPU time.
    qint64 compositorPid() const;

    QString runtimeDir() const { return runtimeDir_.path(); }
    const QString &busAddress() const { return busAddress_; }
    const QString &waylandDisplay() const { return waylandDisplay_; }
    // The fixture's own connection to the desktop's bus (valid after a successful start).
    QDBusConnection bus() const;
    // The last lines of every daemon's log, for a test's failure message.
    QString logTails(int lines = 15) const;

private:
    struct Daemon {
        QString name;
        std::unique_ptr<QProcess> process;
        bool client = false;
    };

    QProcess *launch(const QString &name, const QString &program, const QStringList &arguments,
                     const QProcessEnvironment &environment, bool logToFile, bool client = false);
    QProcessEnvironment daemonEnvironment() const;
    // Polls condition until it holds (true), a daemon (or client, when given) exited or
    // timeoutMs passed (false, with the reason in *error).
    bool waitFor(const std::function<bool()> &condition, int timeoutMs, const QString &what,
                 QString *error, const QProcess *client = nullptr);
    bool nameOwned(const QString &name) const;
    void stopAll();

    QTemporaryDir runtimeDir_;
    QString busAddress_;
    QString waylandDisplay_;
    QString connectionName_;
    pid_t group_ = 0;
    std::vector<Daemon> processes_;
};

} // namespace baton::cli
