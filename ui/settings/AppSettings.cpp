#include "AppSettings.h"

#include <QSettings>

#include <algorithm>

namespace baton::ui {
namespace {

constexpr QLatin1String kScopeApplication("application");
constexpr QLatin1String kScopeWindow("window");
constexpr QLatin1String kFormWeb("web");
constexpr QLatin1String kFormNative("native");

} // namespace

AppSettings AppSettings::load(QSettings &store)
{
    AppSettings settings;
    settings.displayName = store.value(QStringLiteral("identity/displayName")).toString().trimmed();

    bool ok = false;
    const uint port = store.value(QStringLiteral("share/port"), kDefaultPort).toUInt(&ok);
    if (ok && port <= 65535)
        settings.defaultPort = quint16(port);
    const QByteArray policy = store.value(QStringLiteral("share/policy")).toString().toLatin1();
    if (const auto parsed =
            parseFloorPolicy(std::string_view(policy.constData(), size_t(policy.size()))))
        settings.policy = *parsed;
    const QByteArray codec = store.value(QStringLiteral("share/codec")).toString().toLatin1();
    if (const auto parsed =
            parseUpdateCodec(std::string_view(codec.constData(), size_t(codec.size()))))
        settings.codec = *parsed;
    const int fps =
        store.value(QStringLiteral("share/maxFps"), settings.maxFramesPerSecond).toInt(&ok);
    if (ok && fps >= kMinFramesPerSecond && fps <= kMaxFramesPerSecond)
        settings.maxFramesPerSecond = fps;
    const QString scope = store.value(QStringLiteral("share/scope")).toString();
    if (scope == kScopeWindow)
        settings.shareScope = ShareScope::Window;
    const QKeySequence panic(store.value(QStringLiteral("control/panicShortcut")).toString());
    if (!panic.isEmpty())
        settings.panicShortcut = panic;
    settings.tlsCertificatePath = store.value(QStringLiteral("share/tlsCertificate")).toString();
    settings.tlsKeyPath = store.value(QStringLiteral("share/tlsKey")).toString();
    if (store.value(QStringLiteral("share/qrCodeForm")).toString() == kFormWeb)
        settings.qrCodeForm = InviteForm::Web;
    settings.screenCastRestoreToken =
        store.value(QStringLiteral("share/screenCastRestoreToken")).toString();
    settings.recentSessions = store.value(QStringLiteral("join/recent")).toStringList();
    if (settings.recentSessions.size() > kMaxRecentSessions)
        settings.recentSessions.resize(kMaxRecentSessions);
    return settings;
}

void AppSettings::save(QSettings &store) const
{
    store.setValue(QStringLiteral("identity/displayName"), displayName);
    store.setValue(QStringLiteral("share/port"), uint(defaultPort));
    store.setValue(QStringLiteral("share/policy"), QLatin1String(toString(policy)));
    store.setValue(QStringLiteral("share/codec"), QLatin1String(toString(codec)));
    store.setValue(QStringLiteral("share/maxFps"), maxFramesPerSecond);
    store.setValue(QStringLiteral("share/scope"),
                   shareScope == ShareScope::Application ? kScopeApplication : kScopeWindow);
    store.setValue(QStringLiteral("control/panicShortcut"),
                   panicShortcut.toString(QKeySequence::PortableText));
    store.setValue(QStringLiteral("share/tlsCertificate"), tlsCertificatePath);
    store.setValue(QStringLiteral("share/tlsKey"), tlsKeyPath);
    store.setValue(QStringLiteral("share/qrCodeForm"),
                   qrCodeForm == InviteForm::Web ? kFormWeb : kFormNative);
    store.setValue(QStringLiteral("share/screenCastRestoreToken"), screenCastRestoreToken);
    store.setValue(QStringLiteral("join/recent"), recentSessions);
}

QString AppSettings::effectiveDisplayName(const AccountName &account) const
{
    if (!displayName.isEmpty())
        return displayName;
    const QString name = account.preferred();
    return name.isEmpty() ? QStringLiteral("Baton user") : name;
}

void AppSettings::rememberSession(const QString &link)
{
    recentSessions.removeAll(link);
    recentSessions.prepend(link);
    if (recentSessions.size() > kMaxRecentSessions)
        recentSessions.resize(kMaxRecentSessions);
}

} // namespace baton::ui
