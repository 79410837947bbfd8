#pragma once

#include "core/capture/wayland/ScreenCastDBus.h"
#include "core/capture/wayland/ScreenCastSession.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QString>

class QDBusServiceWatcher;

namespace baton {

// A screen cast of one window through GNOME's own interfaces, org.gnome.Mutter.ScreenCast
// and org.gnome.Mutter.RemoteDesktop (no chooser: mutter records the window it is told, or
// the focused one). With input, a RemoteDesktop session comes first and the ScreenCast
// session is linked to it (remote-desktop-session-id), so that starting the one starts
// both. The stream carries the cursor as metadata (cursor-mode 2); its node is on the
// user's own PipeWire daemon (openPipeWireRemote() gives -1, "the default remote").
// stream().size is what mutter says (Stream.Parameters): for a window, the size of the
// window's monitor, because a stream cannot grow with the window; the window itself is
// each buffer's SPA_META_VideoCrop region, and pointer positions are relative to it.
//
// Mutter ties its sessions to the D-Bus connection that created them: they end when that
// connection closes, so bus must stay connected for the session's life.
class MutterScreenCastSession : public ScreenCastSession {
    Q_OBJECT

public:
    explicit MutterScreenCastSession(const QDBusConnection &bus = QDBusConnection::sessionBus(),
                                     QObject *parent = nullptr);
    // Stops mutter's sessions (without waiting for the reply).
    ~MutterScreenCastSession() override;

    void begin(const ScreenCastOptions &options) override;

    QString backendName() const override { return QStringLiteral("mutter"); }
    ScreenCastStream stream() const override { return stream_; }
    int openPipeWireRemote(QString *error) override;
    QString restoreToken() const override { return {}; }

    bool canInject() const override;
    bool notifyKeyboardKeycode(int evdevKey, bool pressed) override;
    bool notifyKeyboardKeysym(uint32_t keysym, bool pressed) override;
    bool notifyPointerMotionAbsolute(QPointF position) override;
    bool notifyPointerButton(int evdevButton, bool pressed) override;
    bool notifyPointerAxisDiscrete(Qt::Orientation axis, int steps) override;
    QString errorString() const override { return error_; }

private slots:
    void onPipeWireStreamAdded(uint nodeId);
    void onSessionClosed();

private:
    enum class State { Idle, Asking, Granted, Ended };

    // Sends message; reply is called with mutter's answer, or the session is refused with
    // what (a sentence's subject) and mutter's error.
    void ask(const QDBusMessage &message, const QString &what, DBusReply reply);
    void createScreenCastSession(const QString &remoteDesktopSessionId);
    void recordWindow();
    void start();
    void readParameters();
    // Refused while asking, closed once granted.
    void stop(const QString &reason);
    void refuse(const QString &reason);
    void end(const QString &reason);
    bool sendInput(const QString &method, const QVariantList &arguments);
    void watchClosed(const QString &service, const QString &path, const QString &interface);

    QDBusConnection bus_;
    QDBusServiceWatcher *watcher_ = nullptr;
    State state_ = State::Idle;
    ScreenCastOptions options_;
    QString remoteDesktopPath_;
    QString screenCastPath_;
    QString streamPath_;
    ScreenCastStream stream_;
    QString error_;
};

} // namespace baton
