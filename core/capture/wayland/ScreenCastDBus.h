#pragma once

#include "core/capture/wayland/ScreenCastSession.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QString>
#include <QVariantMap>

#include <functional>

class QObject;

namespace baton {

// What the two D-Bus screen cast backends (MutterScreenCastSession, PortalScreenCastSession)
// do alike: ask without blocking, with an error turned into a sentence for refused(), and
// read a stream's position and size as both interfaces give them.

using DBusReply = std::function<void(const QDBusMessage &reply)>;
using DBusFailure = std::function<void(const QString &reason)>;

// Sends message on bus without waiting for it. The answer comes on context's event loop
// (never once context is destroyed): answered gets a reply; failed gets an error as a
// sentence, "<absent> is not on the session bus" when nobody owns the called name, else
// "<what> failed: <the error's message>".
void askDBus(const QDBusConnection &bus, const QDBusMessage &message, QObject *context,
             const QString &absent, const QString &what, DBusReply answered, DBusFailure failed);

// Sets stream's position and size from an a{sv} of stream properties ("position" and
// "size", each "(ii)"), as mutter's Stream.Parameters and the portal's Start give them.
// A key that is missing or of another type, and a size that is not positive, leave the
// stream's value as it was: sizes are hints, the PipeWire format decides.
void readStreamGeometry(const QVariantMap &properties, ScreenCastStream *stream);

} // namespace baton
