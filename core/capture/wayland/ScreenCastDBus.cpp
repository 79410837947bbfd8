#include "ScreenCastDBus.h"

#include <QDBusArgument>
#include <QDBusError>
#include <QDBusPendingCallWatcher>

namespace baton {

namespace {

// One "(ii)"; false when value is missing or of another type.
bool readPair(const QVariant &value, int *first, int *second)
{
    if (value.userType() != qMetaTypeId<QDBusArgument>())
        return false;
    const auto argument = value.value<QDBusArgument>();
    if (argument.currentSignature() != QLatin1String("(ii)"))
        return false;
    argument.beginStructure();
    argument >> *first >> *second;
    argument.endStructure();
    return true;
}

} // namespace

void askDBus(const QDBusConnection &bus, const QDBusMessage &message, QObject *context,
             const QString &absent, const QString &what, DBusReply answered, DBusFailure failed)
{
    auto *pending = new QDBusPendingCallWatcher(bus.asyncCall(message), context);
    QObject::connect(pending, &QDBusPendingCallWatcher::finished, context,
                     [absent, what, answered = std::move(answered),
                      failed = std::move(failed)](QDBusPendingCallWatcher *finished) {
                         finished->deleteLater();
                         const QDBusMessage answer = finished->reply();
                         if (answer.type() != QDBusMessage::ErrorMessage) {
                             answered(answer);
                             return;
                         }
                         const QString name = answer.errorName();
                         if (name == QDBusError::errorString(QDBusError::ServiceUnknown) ||
                             name == QLatin1String("org.freedesktop.DBus.Error.NameHasNoOwner"))
                             failed(QStringLiteral("%1 is not on the session bus").arg(absent));
                         else
                             failed(
                                 QStringLiteral("%1 failed: %2").arg(what, answer.errorMessage()));
                     });
}

void readStreamGeometry(const QVariantMap &properties, ScreenCastStream *stream)
{
    int x = 0;
    int y = 0;
    if (readPair(properties.value(QStringLiteral("position")), &x, &y))
        stream->position = QPoint(x, y);
    int width = 0;
    int height = 0;
    if (readPair(properties.value(QStringLiteral("size")), &width, &height) && width > 0 &&
        height > 0)
        stream->size = QSize(width, height);
}

} // namespace baton
