#include "MutterScreenCastSession.h"

#include "core/capture/CaptureLogging.h"
#include "core/capture/wayland/ScreenCastDBus.h"

#include <QDBusArgument>
#include <QDBusObjectPath>
#include <QDBusServiceWatcher>
#include <QDBusVariant>

namespace baton {

namespace {

const QString kScreenCastService = QStringLiteral("org.gnome.Mutter.ScreenCast");
const QString kRemoteDesktopService = QStringLiteral("org.gnome.Mutter.RemoteDesktop");
const QString kScreenCastSession = QStringLiteral("org.gnome.Mutter.ScreenCast.Session");
const QString kRemoteDesktopSession = QStringLiteral("org.gnome.Mutter.RemoteDesktop.Session");
const QString kStream = QStringLiteral("org.gnome.Mutter.ScreenCast.Stream");
const QString kProperties = QStringLiteral("org.freedesktop.DBus.Properties");

// org.gnome.Mutter.ScreenCast.Session.RecordWindow's cursor modes.
constexpr uint kCursorModeMetadata = 2;
// NotifyPointerAxisDiscrete's axes.
constexpr uint kAxisVertical = 0;
constexpr uint kAxisHorizontal = 1;

QDBusMessage methodCall(const QString &service, const QString &path, const QString &interface,
                        const QString &method, const QVariantList &arguments = {})
{
    QDBusMessage message = QDBusMessage::createMethodCall(service, path, interface, method);
    message.setArguments(arguments);
    return message;
}

QDBusMessage propertyGet(const QString &service, const QString &path, const QString &interface,
                         const QString &property)
{
    return methodCall(service, path, kProperties, QStringLiteral("Get"), {interface, property});
}

// A Properties.Get reply's value.
QVariant propertyValue(const QDBusMessage &reply)
{
    return qvariant_cast<QDBusVariant>(reply.arguments().value(0)).variant();
}

} // namespace

MutterScreenCastSession::MutterScreenCastSession(const QDBusConnection &bus, QObject *parent)
    : ScreenCastSession(parent), bus_(bus)
{
}

MutterScreenCastSession::~MutterScreenCastSession()
{
    // The remote desktop session stops the screen cast linked to it. A session mutter
    // closed already answers with an error, which nobody waits for.
    if (!remoteDesktopPath_.isEmpty())
        bus_.send(methodCall(kRemoteDesktopService, remoteDesktopPath_, kRemoteDesktopSession,
                             QStringLiteral("Stop")));
    else if (!screenCastPath_.isEmpty())
        bus_.send(methodCall(kScreenCastService, screenCastPath_, kScreenCastSession,
                             QStringLiteral("Stop")));
}

void MutterScreenCastSession::begin(const ScreenCastOptions &options)
{
    if (state_ != State::Idle)
        return;
    state_ = State::Asking;
    options_ = options;
    // Mutter's sessions die with mutter: its leaving the bus ends (or refuses) this one.
    watcher_ = new QDBusServiceWatcher(kScreenCastService, bus_,
                                       QDBusServiceWatcher::WatchForUnregistration, this);
    connect(watcher_, &QDBusServiceWatcher::serviceUnregistered, this, [this] {
        stop(QStringLiteral("GNOME's screen cast interface (%1) left the session bus: mutter "
                            "ended")
                 .arg(kScreenCastService));
    });
    if (!options.withInput) {
        createScreenCastSession({});
        return;
    }
    ask(methodCall(kRemoteDesktopService, QStringLiteral("/org/gnome/Mutter/RemoteDesktop"),
                   kRemoteDesktopService, QStringLiteral("CreateSession")),
        QStringLiteral("GNOME's remote desktop interface (%1)").arg(kRemoteDesktopService),
        [this](const QDBusMessage &reply) {
            remoteDesktopPath_ = qvariant_cast<QDBusObjectPath>(reply.arguments().value(0)).path();
            watchClosed(kRemoteDesktopService, remoteDesktopPath_, kRemoteDesktopSession);
            ask(propertyGet(kRemoteDesktopService, remoteDesktopPath_, kRemoteDesktopSession,
                            QStringLiteral("SessionId")),
                QStringLiteral("GNOME's remote desktop session id"),
                [this](const QDBusMessage &idReply) {
                    createScreenCastSession(propertyValue(idReply).toString());
                });
        });
}

void MutterScreenCastSession::createScreenCastSession(const QString &remoteDesktopSessionId)
{
    QVariantMap properties;
    if (!remoteDesktopSessionId.isEmpty())
        properties.insert(QStringLiteral("remote-desktop-session-id"), remoteDesktopSessionId);
    ask(methodCall(kScreenCastService, QStringLiteral("/org/gnome/Mutter/ScreenCast"),
                   kScreenCastService, QStringLiteral("CreateSession"), {properties}),
        QStringLiteral("GNOME's screen cast interface (%1)").arg(kScreenCastService),
        [this](const QDBusMessage &reply) {
            screenCastPath_ = qvariant_cast<QDBusObjectPath>(reply.arguments().value(0)).path();
            watchClosed(kScreenCastService, screenCastPath_, kScreenCastSession);
            recordWindow();
        });
}

void MutterScreenCastSession::recordWindow()
{
    QVariantMap properties;
    properties.insert(QStringLiteral("cursor-mode"), QVariant::fromValue(kCursorModeMetadata));
    if (options_.windowId != 0)
        properties.insert(QStringLiteral("window-id"),
                          QVariant::fromValue(qulonglong(options_.windowId)));
    ask(methodCall(kScreenCastService, screenCastPath_, kScreenCastSession,
                   QStringLiteral("RecordWindow"), {properties}),
        options_.windowId != 0 ? QStringLiteral("Recording window %1").arg(options_.windowId)
                               : QStringLiteral("Recording the focused window"),
        [this](const QDBusMessage &reply) {
            streamPath_ = qvariant_cast<QDBusObjectPath>(reply.arguments().value(0)).path();
            // Before Start: the node is announced once the session runs.
            bus_.connect(kScreenCastService, streamPath_, kStream,
                         QStringLiteral("PipeWireStreamAdded"), this,
                         SLOT(onPipeWireStreamAdded(uint)));
            start();
        });
}

void MutterScreenCastSession::start()
{
    // A linked screen cast is started by its remote desktop session.
    const bool remote = !remoteDesktopPath_.isEmpty();
    ask(remote ? methodCall(kRemoteDesktopService, remoteDesktopPath_, kRemoteDesktopSession,
                            QStringLiteral("Start"))
               : methodCall(kScreenCastService, screenCastPath_, kScreenCastSession,
                            QStringLiteral("Start")),
        QStringLiteral("Starting GNOME's screen cast session"), [](const QDBusMessage &) {});
}

void MutterScreenCastSession::onPipeWireStreamAdded(uint nodeId)
{
    if (state_ != State::Asking || stream_.nodeId != 0)
        return;
    stream_.nodeId = nodeId;
    stream_.type = ScreenCastStream::SourceType::Window;
    readParameters();
}

void MutterScreenCastSession::readParameters()
{
    ask(propertyGet(kScreenCastService, streamPath_, kStream, QStringLiteral("Parameters")),
        QStringLiteral("The screen cast stream's parameters"), [this](const QDBusMessage &reply) {
            const QVariant value = propertyValue(reply);
            readStreamGeometry(value.userType() == qMetaTypeId<QDBusArgument>()
                                   ? qdbus_cast<QVariantMap>(value)
                                   : QVariantMap(),
                               &stream_);
            state_ = State::Granted;
            qCInfo(lcCapture) << "mutter granted PipeWire node" << stream_.nodeId << "of size"
                              << stream_.size << (canInject() ? "with input" : "without input");
            emit granted();
        });
}

void MutterScreenCastSession::ask(const QDBusMessage &message, const QString &what, DBusReply reply)
{
    // A late answer, once the session was refused or has ended, is dropped.
    askDBus(
        bus_, message, this, what, what,
        [this, reply = std::move(reply)](const QDBusMessage &answer) {
            if (state_ == State::Asking)
                reply(answer);
        },
        [this](const QString &reason) { refuse(reason); });
}

void MutterScreenCastSession::watchClosed(const QString &service, const QString &path,
                                          const QString &interface)
{
    bus_.connect(service, path, interface, QStringLiteral("Closed"), this, SLOT(onSessionClosed()));
}

void MutterScreenCastSession::onSessionClosed()
{
    stop(QStringLiteral("GNOME closed the screen cast session"));
}

void MutterScreenCastSession::stop(const QString &reason)
{
    if (state_ == State::Asking)
        refuse(reason);
    else
        end(reason);
}

void MutterScreenCastSession::refuse(const QString &reason)
{
    if (state_ != State::Asking)
        return;
    error_ = reason;
    qCInfo(lcCapture) << "mutter refused the screen cast:" << reason;
    // Whatever mutter already made is stopped by the destructor.
    state_ = State::Ended;
    emit refused(reason);
}

void MutterScreenCastSession::end(const QString &reason)
{
    if (state_ != State::Granted)
        return;
    state_ = State::Ended;
    error_ = reason;
    qCInfo(lcCapture) << "mutter screen cast of node" << stream_.nodeId << "ended:" << reason;
    emit closed(reason);
}

int MutterScreenCastSession::openPipeWireRemote(QString *error)
{
    if (state_ != State::Granted) {
        if (error)
            *error = QStringLiteral("the screen cast was not granted or has ended");
        return -2;
    }
    return -1;
}

bool MutterScreenCastSession::canInject() const
{
    return state_ == State::Granted && !remoteDesktopPath_.isEmpty();
}

bool MutterScreenCastSession::sendInput(const QString &method, const QVariantList &arguments)
{
    if (!canInject()) {
        error_ = state_ == State::Granted ? QStringLiteral("input was not asked for")
                                          : QStringLiteral("the screen cast is not running");
        return false;
    }
    // No reply is awaited: the calls go out in order on the one connection.
    if (!bus_.send(methodCall(kRemoteDesktopService, remoteDesktopPath_, kRemoteDesktopSession,
                              method, arguments))) {
        error_ = bus_.lastError().message();
        return false;
    }
    return true;
}

bool MutterScreenCastSession::notifyKeyboardKeycode(int evdevKey, bool pressed)
{
    return sendInput(QStringLiteral("NotifyKeyboardKeycode"), {uint(evdevKey), pressed});
}

bool MutterScreenCastSession::notifyKeyboardKeysym(uint32_t keysym, bool pressed)
{
    return sendInput(QStringLiteral("NotifyKeyboardKeysym"), {uint(keysym), pressed});
}

bool MutterScreenCastSession::notifyPointerMotionAbsolute(QPointF position)
{
    return sendInput(QStringLiteral("NotifyPointerMotionAbsolute"),
                     {streamPath_, position.x(), position.y()});
}

bool MutterScreenCastSession::notifyPointerButton(int evdevButton, bool pressed)
{
    return sendInput(QStringLiteral("NotifyPointerButton"), {evdevButton, pressed});
}

bool MutterScreenCastSession::notifyPointerAxisDiscrete(Qt::Orientation axis, int steps)
{
    return sendInput(QStringLiteral("NotifyPointerAxisDiscrete"),
                     {axis == Qt::Vertical ? kAxisVertical : kAxisHorizontal, steps});
}

} // namespace baton
