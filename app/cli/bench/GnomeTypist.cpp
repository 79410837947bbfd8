#include "GnomeTypist.h"

#include <QDBusMessage>
#include <QDBusObjectPath>

namespace baton::cli {
namespace {

const QString kRemoteDesktop = QStringLiteral("org.gnome.Mutter.RemoteDesktop");
constexpr uint kKeysymReturn = 0xff0d;

// The text's characters are printable ASCII and newlines, whose keysyms are their codes.
uint keysym(QChar c)
{
    return c == QLatin1Char('\n') ? kKeysymReturn : uint(c.unicode());
}

} // namespace

std::unique_ptr<GnomeTypist> GnomeTypist::start(const QDBusConnection &bus, const QString &text,
                                                int eventMs, QString *error)
{
    const QDBusMessage created = bus.call(QDBusMessage::createMethodCall(
        kRemoteDesktop, QStringLiteral("/org/gnome/Mutter/RemoteDesktop"), kRemoteDesktop,
        QStringLiteral("CreateSession")));
    if (created.type() != QDBusMessage::ReplyMessage || created.arguments().isEmpty()) {
        *error =
            QStringLiteral("mutter's RemoteDesktop gave no session: ") + created.errorMessage();
        return nullptr;
    }
    const QString session = created.arguments().constFirst().value<QDBusObjectPath>().path();
    const QDBusMessage started = bus.call(QDBusMessage::createMethodCall(
        kRemoteDesktop, session, kRemoteDesktop + QStringLiteral(".Session"),
        QStringLiteral("Start")));
    if (started.type() != QDBusMessage::ReplyMessage) {
        *error = QStringLiteral("mutter's RemoteDesktop session did not start: ") +
            started.errorMessage();
        return nullptr;
    }
    return std::unique_ptr<GnomeTypist>(new GnomeTypist(bus, session, text, eventMs));
}

GnomeTypist::GnomeTypist(const QDBusConnection &bus, QString session, QString text, int eventMs)
    : bus_(bus), session_(std::move(session)), text_(std::move(text))
{
    connect(&timer_, &QTimer::timeout, this, &GnomeTypist::next);
    timer_.start(eventMs);
}

GnomeTypist::~GnomeTypist()
{
    // A key left down would repeat in the window until the session ends.
    if (event_ % 2 == 1)
        next();
    call(QStringLiteral("Stop"), {});
}

void GnomeTypist::next()
{
    const QChar c = text_.at((event_ / 2) % text_.size());
    call(QStringLiteral("NotifyKeyboardKeysym"), {keysym(c), event_ % 2 == 0});
    ++event_;
}

void GnomeTypist::call(const QString &method, const QVariantList &arguments)
{
    // Without waiting: messages on one connection arrive in order.
    QDBusMessage message = QDBusMessage::createMethodCall(
        kRemoteDesktop, session_, kRemoteDesktop + QStringLiteral(".Session"), method);
    message.setArguments(arguments);
    bus_.send(message);
}

} // namespace baton::cli
