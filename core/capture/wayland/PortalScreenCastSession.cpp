#include "PortalScreenCastSession.h"

#include "core/capture/CaptureLogging.h"
#include "core/capture/wayland/ScreenCastDBus.h"

#include <QDBusArgument>
#include <QDBusError>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusServiceWatcher>
#include <QDBusUnixFileDescriptor>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <fcntl.h>

namespace baton {

namespace {

const QString kService = QStringLiteral("org.freedesktop.portal.Desktop");
const QString kPath = QStringLiteral("/org/freedesktop/portal/desktop");
const QString kScreenCast = QStringLiteral("org.freedesktop.portal.ScreenCast");
const QString kRemoteDesktop = QStringLiteral("org.freedesktop.portal.RemoteDesktop");
const QString kRequest = QStringLiteral("org.freedesktop.portal.Request");
const QString kSession = QStringLiteral("org.freedesktop.portal.Session");

// ScreenCast source types and cursor modes, RemoteDesktop device types.
constexpr uint kSourceMonitor = 1;
constexpr uint kSourceWindow = 2;
constexpr uint kCursorEmbedded = 2;
constexpr uint kCursorMetadata = 4;
constexpr uint kDeviceKeyboard = 1;
constexpr uint kDevicePointer = 2;
// persist_mode: until the person revokes it.
constexpr uint kPersistUntilRevoked = 2;
// Request.Response codes.
constexpr uint kResponseSuccess = 0;
constexpr uint kResponseCancelled = 1;
// Input events waiting for the portal to take the one before: a burst of typing fits, a
// portal that stopped answering does not make us hold more.
constexpr size_t kMaxQueuedInput = 1024;
// The interface versions that take restore tokens.
constexpr uint kScreenCastPersistVersion = 4;
constexpr uint kRemoteDesktopPersistVersion = 2;

QDBusMessage methodCall(const QString &path, const QString &interface, const QString &method,
                        const QVariantList &arguments = {})
{
    QDBusMessage message = QDBusMessage::createMethodCall(kService, path, interface, method);
    message.setArguments(arguments);
    return message;
}

// A handle_token: an object path element that no other request or session of this
// connection has had, even one that the portal has not closed yet.
QString uniqueToken()
{
    return QStringLiteral("baton_") + QUuid::createUuid().toString(QUuid::Id128);
}

// A ui32 of an a{sv}, 0 when it is missing or of another type.
uint unsignedValue(const QVariantMap &map, const QString &key)
{
    const QVariant value = map.value(key);
    return value.userType() == QMetaType::UInt ? value.toUInt() : 0;
}

// The first of Start's streams, a(ua{sv}); false when there is none or the type is wrong.
bool readFirstStream(const QVariant &value, ScreenCastStream *stream)
{
    if (value.userType() != qMetaTypeId<QDBusArgument>())
        return false;
    const auto argument = value.value<QDBusArgument>();
    if (argument.currentSignature() != QLatin1String("a(ua{sv})"))
        return false;
    argument.beginArray();
    if (argument.atEnd())
        return false;
    uint node = 0;
    QVariantMap properties;
    argument.beginStructure();
    argument >> node >> properties;
    argument.endStructure();
    stream->nodeId = node;
    readStreamGeometry(properties, stream);
    const uint type = unsignedValue(properties, QStringLiteral("source_type"));
    using Type = ScreenCastStream::SourceType;
    if (type == uint(Type::Monitor) || type == uint(Type::Window) || type == uint(Type::Virtual))
        stream->type = Type(type);
    return node != 0;
}

} // namespace

PortalScreenCastSession::PortalScreenCastSession(const QDBusConnection &bus, Sources sources,
                                                 QObject *parent)
    : ScreenCastSession(parent), bus_(bus), sources_(sources)
{
}

PortalScreenCastSession::~PortalScreenCastSession()
{
    // Neither answer is awaited; the portal closes the chooser with the request.
    if (!requestPath_.isEmpty())
        bus_.send(methodCall(requestPath_, kRequest, QStringLiteral("Close")));
    if (!sessionPath_.isEmpty() && state_ != State::Ended)
        bus_.send(methodCall(sessionPath_, kSession, QStringLiteral("Close")));
}

void PortalScreenCastSession::begin(const ScreenCastOptions &options)
{
    if (state_ != State::Idle)
        return;
    state_ = State::Asking;
    options_ = options;
    watcher_ =
        new QDBusServiceWatcher(kService, bus_, QDBusServiceWatcher::WatchForUnregistration, this);
    connect(watcher_, &QDBusServiceWatcher::serviceUnregistered, this, [this] {
        stop(QStringLiteral("The desktop portal (%1) left the session bus").arg(kService));
    });
    readProperties(kScreenCast, [this](const QVariantMap &screenCast) {
        screenCastProperties_ = screenCast;
        if (!options_.withInput) {
            checkOffer();
            return;
        }
        readProperties(kRemoteDesktop, [this](const QVariantMap &remoteDesktop) {
            remoteDesktopProperties_ = remoteDesktop;
            checkOffer();
        });
    });
}

void PortalScreenCastSession::readProperties(const QString &interface, const Results &next)
{
    call(methodCall(kPath, QStringLiteral("org.freedesktop.DBus.Properties"),
                    QStringLiteral("GetAll"), {interface}),
         QStringLiteral("The desktop portal's %1 interface").arg(interface),
         [next](const QDBusMessage &reply) {
             next(qdbus_cast<QVariantMap>(reply.arguments().value(0)));
         });
}

void PortalScreenCastSession::checkOffer()
{
    // A portal without the interface answers GetAll with an empty map (or an error).
    const uint screenCastVersion = unsignedValue(screenCastProperties_, QStringLiteral("version"));
    if (screenCastVersion == 0) {
        refuse(QStringLiteral("The desktop portal offers no screen cast (%1)").arg(kScreenCast));
        return;
    }
    const uint sources =
        unsignedValue(screenCastProperties_, QStringLiteral("AvailableSourceTypes"));
    sourceType_ = (sources & kSourceWindow) && sources_ == Sources::WindowElseMonitor
        ? kSourceWindow
        : kSourceMonitor;
    if (!(sources & sourceType_)) {
        refuse(QStringLiteral("The desktop portal cannot share what was asked for "
                              "(AvailableSourceTypes %1)")
                   .arg(sources));
        return;
    }
    if (options_.withInput) {
        const uint version = unsignedValue(remoteDesktopProperties_, QStringLiteral("version"));
        const uint devices =
            unsignedValue(remoteDesktopProperties_, QStringLiteral("AvailableDeviceTypes"));
        if (version == 0) {
            refuse(QStringLiteral("The desktop portal offers no remote input (%1)")
                       .arg(kRemoteDesktop));
            return;
        }
        if (!(devices & (kDeviceKeyboard | kDevicePointer))) {
            refuse(QStringLiteral("The desktop portal offers neither keyboard nor pointer "
                                  "input (AvailableDeviceTypes %1)")
                       .arg(devices));
            return;
        }
    }
    createSession();
}

void PortalScreenCastSession::createSession()
{
    QVariantMap options;
    options.insert(QStringLiteral("session_handle_token"), uniqueToken());
    // A remote desktop session takes the screen cast's SelectSources too.
    request(options_.withInput ? kRemoteDesktop : kScreenCast, QStringLiteral("CreateSession"), {},
            options, QStringLiteral("Creating the portal session"),
            [this](const QVariantMap &results) {
                sessionPath_ = results.value(QStringLiteral("session_handle")).toString();
                if (!sessionPath_.startsWith(QLatin1Char('/'))) {
                    refuse(QStringLiteral("The desktop portal created no session"));
                    return;
                }
                bus_.connect(kService, sessionPath_, kSession, QStringLiteral("Closed"), this,
                             SLOT(onSessionClosed()));
                selectSources();
            });
}

void PortalScreenCastSession::selectSources()
{
    QVariantMap options;
    options.insert(QStringLiteral("types"), QVariant::fromValue(sourceType_));
    options.insert(QStringLiteral("multiple"), false);
    const uint cursors =
        unsignedValue(screenCastProperties_, QStringLiteral("AvailableCursorModes"));
    // Metadata: the viewers draw the cursor, as with X11; else at least in the picture.
    if (cursors & kCursorMetadata)
        options.insert(QStringLiteral("cursor_mode"), QVariant::fromValue(kCursorMetadata));
    else if (cursors & kCursorEmbedded)
        options.insert(QStringLiteral("cursor_mode"), QVariant::fromValue(kCursorEmbedded));
    // Remote desktop sessions persist through SelectDevices instead (the portal refuses
    // persist_mode here for them).
    if (!options_.withInput &&
        unsignedValue(screenCastProperties_, QStringLiteral("version")) >=
            kScreenCastPersistVersion)
        insertPersistence(&options);
    request(kScreenCast, QStringLiteral("SelectSources"),
            {QVariant::fromValue(QDBusObjectPath(sessionPath_))}, options,
            QStringLiteral("Selecting what to share"), [this](const QVariantMap &) {
                if (options_.withInput)
                    selectDevices();
                else
                    start();
            });
}

void PortalScreenCastSession::selectDevices()
{
    QVariantMap options;
    const uint available =
        unsignedValue(remoteDesktopProperties_, QStringLiteral("AvailableDeviceTypes"));
    options.insert(QStringLiteral("types"),
                   QVariant::fromValue(available & (kDeviceKeyboard | kDevicePointer)));
    if (unsignedValue(remoteDesktopProperties_, QStringLiteral("version")) >=
        kRemoteDesktopPersistVersion)
        insertPersistence(&options);
    request(kRemoteDesktop, QStringLiteral("SelectDevices"),
            {QVariant::fromValue(QDBusObjectPath(sessionPath_))}, options,
            QStringLiteral("Selecting keyboard and pointer input"),
            [this](const QVariantMap &) { start(); });
}

void PortalScreenCastSession::insertPersistence(QVariantMap *options) const
{
    if (options_.persist)
        options->insert(QStringLiteral("persist_mode"), QVariant::fromValue(kPersistUntilRevoked));
    if (!options_.restoreToken.isEmpty())
        options->insert(QStringLiteral("restore_token"), options_.restoreToken);
}

void PortalScreenCastSession::start()
{
    // Here the desktop shows its chooser; the answer waits for the person.
    request(options_.withInput ? kRemoteDesktop : kScreenCast, QStringLiteral("Start"),
            {QVariant::fromValue(QDBusObjectPath(sessionPath_)), QString()}, {},
            QStringLiteral("Sharing"), [this](const QVariantMap &results) { onStarted(results); });
}

void PortalScreenCastSession::onStarted(const QVariantMap &results)
{
    if (!readFirstStream(results.value(QStringLiteral("streams")), &stream_)) {
        refuse(QStringLiteral("The desktop portal granted no stream"));
        return;
    }
    if (options_.withInput)
        devices_ = unsignedValue(results, QStringLiteral("devices"));
    restoreToken_ = results.value(QStringLiteral("restore_token")).toString();
    state_ = State::Granted;
    qCInfo(lcCapture) << "portal granted PipeWire node" << stream_.nodeId << "of size"
                      << stream_.size << "source type" << uint(stream_.type) << "devices"
                      << devices_ << (restoreToken_.isEmpty() ? "" : "with a restore token");
    emit granted();
}

void PortalScreenCastSession::request(const QString &interface, const QString &method,
                                      QVariantList arguments, QVariantMap options,
                                      const QString &what, Results done)
{
    // The Request object's path is /org/freedesktop/portal/desktop/request/SENDER/TOKEN,
    // SENDER being our unique name without its ':' and with '_' for '.'.
    const QString token = uniqueToken();
    const QString sender = bus_.baseService().mid(1).replace(QLatin1Char('.'), QLatin1Char('_'));
    requestPath_ = QStringLiteral("%1/request/%2/%3").arg(kPath, sender, token);
    requestWhat_ = what;
    requestDone_ = std::move(done);
    listenToRequest(true);
    options.insert(QStringLiteral("handle_token"), token);
    arguments.append(options);
    const QString expected = requestPath_;
    call(methodCall(kPath, interface, method, arguments), what,
         [this, expected](const QDBusMessage &reply) {
             // Portals before 0.9 chose the path themselves: listen there instead, unless
             // the answer came already.
             const QString handle =
                 qvariant_cast<QDBusObjectPath>(reply.arguments().value(0)).path();
             if (requestPath_ != expected || handle.isEmpty() || handle == expected)
                 return;
             listenToRequest(false);
             requestPath_ = handle;
             listenToRequest(true);
         });
}

void PortalScreenCastSession::listenToRequest(bool listen)
{
    if (listen)
        bus_.connect(kService, requestPath_, kRequest, QStringLiteral("Response"), this,
                     SLOT(onResponse(uint, QVariantMap, QDBusMessage)));
    else
        bus_.disconnect(kService, requestPath_, kRequest, QStringLiteral("Response"), this,
                        SLOT(onResponse(uint, QVariantMap, QDBusMessage)));
}

void PortalScreenCastSession::onResponse(uint response, const QVariantMap &results,
                                         const QDBusMessage &message)
{
    if (message.path() != requestPath_ || state_ != State::Asking)
        return;
    listenToRequest(false);
    requestPath_.clear();
    const Results done = std::move(requestDone_);
    requestDone_ = nullptr;
    if (response == kResponseSuccess)
        done(results);
    else if (response == kResponseCancelled)
        refuse(QStringLiteral("The sharing dialog was cancelled"));
    else
        refuse(QStringLiteral("%1 was ended by the desktop portal (response %2)")
                   .arg(requestWhat_)
                   .arg(response));
}

void PortalScreenCastSession::call(const QDBusMessage &message, const QString &what,
                                   DBusReply reply)
{
    // A late answer, once the session was refused or has ended, is dropped.
    askDBus(
        bus_, message, this, QStringLiteral("The desktop portal (%1)").arg(kService), what,
        [this, reply = std::move(reply)](const QDBusMessage &answer) {
            if (state_ == State::Asking)
                reply(answer);
        },
        [this](const QString &reason) { refuse(reason); });
}

void PortalScreenCastSession::onSessionClosed()
{
    stop(QStringLiteral("The desktop portal closed the screen cast session"));
}

void PortalScreenCastSession::stop(const QString &reason)
{
    if (state_ == State::Asking)
        refuse(reason);
    else
        end(reason);
}

void PortalScreenCastSession::refuse(const QString &reason)
{
    if (state_ != State::Asking)
        return;
    state_ = State::Ended;
    error_ = reason;
    qCInfo(lcCapture) << "portal refused the screen cast:" << reason;
    // The session, if one was made, is closed by the destructor; so is a pending request.
    if (!sessionPath_.isEmpty())
        bus_.send(methodCall(sessionPath_, kSession, QStringLiteral("Close")));
    emit refused(reason);
}

void PortalScreenCastSession::end(const QString &reason)
{
    if (state_ != State::Granted)
        return;
    state_ = State::Ended;
    error_ = reason;
    qCInfo(lcCapture) << "portal screen cast of node" << stream_.nodeId << "ended:" << reason;
    emit closed(reason);
}

int PortalScreenCastSession::openPipeWireRemote(QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return -2;
    };
    if (state_ != State::Granted)
        return fail(QStringLiteral("the screen cast was not granted or has ended"));
    const QDBusMessage reply =
        bus_.call(methodCall(kPath, kScreenCast, QStringLiteral("OpenPipeWireRemote"),
                             {QVariant::fromValue(QDBusObjectPath(sessionPath_)), QVariantMap()}));
    if (reply.type() == QDBusMessage::ErrorMessage)
        return fail(QStringLiteral("OpenPipeWireRemote failed: ") + reply.errorMessage());
    const auto descriptor = qvariant_cast<QDBusUnixFileDescriptor>(reply.arguments().value(0));
    if (!descriptor.isValid())
        return fail(QStringLiteral("OpenPipeWireRemote gave no file descriptor"));
    // QDBusUnixFileDescriptor closes its own copy.
    const int fd = ::fcntl(descriptor.fileDescriptor(), F_DUPFD_CLOEXEC, 0);
    if (fd < 0)
        return fail(QStringLiteral("cannot duplicate the PipeWire descriptor: %1")
                        .arg(QString::fromLocal8Bit(strerror(errno))));
    return fd;
}

bool PortalScreenCastSession::canInject() const
{
    return state_ == State::Granted && (devices_ & (kDeviceKeyboard | kDevicePointer)) != 0;
}

bool PortalScreenCastSession::sendInput(uint device, const QString &method,
                                        const QVariantList &arguments)
{
    if (state_ != State::Granted) {
        error_ = QStringLiteral("the screen cast is not running");
        return false;
    }
    if (!(devices_ & device)) {
        error_ = device == kDeviceKeyboard ? QStringLiteral("keyboard input was not granted")
                                           : QStringLiteral("pointer input was not granted");
        return false;
    }
    if (input_.size() >= kMaxQueuedInput) {
        error_ = QStringLiteral("the desktop portal is not taking input (%1 events queued)")
                     .arg(input_.size());
        return false;
    }
    input_.push_back(
        methodCall(kPath, kRemoteDesktop, method,
                   QVariantList{QVariant::fromValue(QDBusObjectPath(sessionPath_)), QVariantMap()} +
                       arguments));
    if (input_.size() == 1)
        sendNextInput();
    return true;
}

void PortalScreenCastSession::sendNextInput()
{
    // One call at a time: xdg-desktop-portal handles each call in a thread of its own, so
    // calls sent together may reach the compositor in another order (a key's release
    // before its press). The caller does not wait: the queue does.
    auto *pending = new QDBusPendingCallWatcher(bus_.asyncCall(input_.front()), this);
    connect(pending, &QDBusPendingCallWatcher::finished, this,
            [this](QDBusPendingCallWatcher *finished) {
                finished->deleteLater();
                if (finished->isError())
                    qCDebug(lcCapture)
                        << "portal input call failed:" << finished->error().message();
                input_.pop_front();
                if (!input_.empty() && state_ == State::Granted)
                    sendNextInput();
                else
                    input_.clear();
            });
}

bool PortalScreenCastSession::notifyKeyboardKeycode(int evdevKey, bool pressed)
{
    return sendInput(kDeviceKeyboard, QStringLiteral("NotifyKeyboardKeycode"),
                     {evdevKey, uint(pressed)});
}

bool PortalScreenCastSession::notifyKeyboardKeysym(uint32_t keysym, bool pressed)
{
    return sendInput(kDeviceKeyboard, QStringLiteral("NotifyKeyboardKeysym"),
                     {int(keysym), uint(pressed)});
}

bool PortalScreenCastSession::notifyPointerMotionAbsolute(QPointF position)
{
    return sendInput(kDevicePointer, QStringLiteral("NotifyPointerMotionAbsolute"),
                     {stream_.nodeId, position.x(), position.y()});
}

bool PortalScreenCastSession::notifyPointerButton(int evdevButton, bool pressed)
{
    return sendInput(kDevicePointer, QStringLiteral("NotifyPointerButton"),
                     {evdevButton, uint(pressed)});
}

bool PortalScreenCastSession::notifyPointerAxisDiscrete(Qt::Orientation axis, int steps)
{
    return sendInput(kDevicePointer, QStringLiteral("NotifyPointerAxisDiscrete"),
                     {axis == Qt::Vertical ? 0u : 1u, steps});
}

} // namespace baton
