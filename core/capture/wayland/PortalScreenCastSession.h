#pragma once

#include "core/capture/wayland/ScreenCastDBus.h"
#include "core/capture/wayland/ScreenCastSession.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QString>
#include <QVariantMap>

#include <deque>
#include <functional>

class QDBusServiceWatcher;

namespace baton {

// A screen cast of one window (or monitor, where the desktop offers no window capture)
// through the desktop portal, org.freedesktop.portal.ScreenCast, with keyboard and pointer
// input through org.freedesktop.portal.RemoteDesktop when asked. begin() reads what the
// portal offers, then CreateSession, SelectSources (and SelectDevices), Start: Start shows
// the desktop's chooser, so granted() or refused() may come minutes later, or never while
// the person keeps the dialog open (destroy the session to give up).
//
// Each portal request answers through a Request object's Response signal; the object's
// path is known in advance (the connection's unique name and a handle_token of ours), and
// the session subscribes to it before calling, so no answer can be missed.
//
// Input calls are queued and sent one at a time, each once the portal answered the one
// before: xdg-desktop-portal handles calls in threads, so calls sent together could reach
// the compositor out of order.
//
// Restore tokens: with input they go to SelectDevices (RemoteDesktop version 2), without
// to SelectSources (ScreenCast version 4); older portals ask every time.
class PortalScreenCastSession : public ScreenCastSession {
    Q_OBJECT

public:
    // What the chooser offers: a window where the portal can share one (else a monitor),
    // or a monitor only — for desktops whose chooser lists no windows (a GNOME portal on
    // mutter without gnome-shell, whose Introspect interface gives the window list).
    enum class Sources { WindowElseMonitor, Monitor };

    explicit PortalScreenCastSession(const QDBusConnection &bus = QDBusConnection::sessionBus(),
                                     Sources sources = Sources::WindowElseMonitor,
                                     QObject *parent = nullptr);
    // Closes the pending request (the chooser goes away) and the portal session.
    ~PortalScreenCastSession() override;

    void begin(const ScreenCastOptions &options) override;

    QString backendName() const override { return QStringLiteral("portal"); }
    ScreenCastStream stream() const override { return stream_; }
    // The portal's OpenPipeWireRemote (a blocking call): a descriptor of the caller's own.
    int openPipeWireRemote(QString *error) override;
    QString restoreToken() const override { return restoreToken_; }

    bool canInject() const override;
    bool notifyKeyboardKeycode(int evdevKey, bool pressed) override;
    bool notifyKeyboardKeysym(uint32_t keysym, bool pressed) override;
    bool notifyPointerMotionAbsolute(QPointF position) override;
    bool notifyPointerButton(int evdevButton, bool pressed) override;
    bool notifyPointerAxisDiscrete(Qt::Orientation axis, int steps) override;
    QString errorString() const override { return error_; }

    // The object path of the portal's session once CreateSession answered (for tests and
    // logs); empty before.
    QString sessionHandle() const { return sessionPath_; }

private slots:
    void onResponse(uint response, const QVariantMap &results, const QDBusMessage &message);
    void onSessionClosed();

private:
    enum class State { Idle, Asking, Granted, Ended };
    using Results = std::function<void(const QVariantMap &)>;

    void readProperties(const QString &interface, const Results &next);
    void checkOffer();
    void createSession();
    void selectSources();
    void selectDevices();
    // Adds persist_mode and restore_token, as asked, to SelectSources' or SelectDevices'
    // options (whichever the session persists through).
    void insertPersistence(QVariantMap *options) const;
    void start();
    void onStarted(const QVariantMap &results);
    // Calls a portal method whose answer comes as a Request's Response: subscribes to the
    // request path first, then calls; done gets the results of a successful response.
    void request(const QString &interface, const QString &method, QVariantList arguments,
                 QVariantMap options, const QString &what, Results done);
    // Subscribes to the Response of the request at requestPath_, or with false drops it.
    void listenToRequest(bool listen);
    // Calls a method answered directly (a reply, or an error that refuses the session).
    void call(const QDBusMessage &message, const QString &what, DBusReply reply);
    // Refused while asking, closed once granted.
    void stop(const QString &reason);
    void refuse(const QString &reason);
    void end(const QString &reason);
    bool sendInput(uint device, const QString &method, const QVariantList &arguments);
    void sendNextInput();

    QDBusConnection bus_;
    Sources sources_;
    QDBusServiceWatcher *watcher_ = nullptr;
    State state_ = State::Idle;
    ScreenCastOptions options_;
    QVariantMap screenCastProperties_;
    QVariantMap remoteDesktopProperties_;
    uint sourceType_ = 0;
    QString sessionPath_;
    // The request awaiting its Response, and what to do with it.
    QString requestPath_;
    QString requestWhat_;
    Results requestDone_;
    // Input calls not yet answered, the first one sent.
    std::deque<QDBusMessage> input_;
    ScreenCastStream stream_;
    uint devices_ = 0;
    QString restoreToken_;
    QString error_;
};

} // namespace baton
