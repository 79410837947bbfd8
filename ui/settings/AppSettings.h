#pragma once

#include "core/capture/SharedWindow.h"
#include "core/common/AccountName.h"
#include "core/common/InviteLink.h"
#include "core/session/FloorControl.h"
#include "core/session/UpdateCodec.h"

#include <QKeySequence>
#include <QString>
#include <QStringList>

class QSettings;

namespace baton::ui {

// Which form of the invite link the Share panel's QR code carries.
enum class InviteForm { Native, Web };

// What a person chooses once and keeps: read from and written to the QSettings the
// application passes in (never a global), so tests use their own file.
struct AppSettings {
    static constexpr quint16 kDefaultPort = InviteLink::kDefaultPort;
    static constexpr int kMaxRecentSessions = 10;
    static constexpr int kMinFramesPerSecond = 1;
    static constexpr int kMaxFramesPerSecond = 120;

    QString displayName; // shown to the other participants; empty: the account's name
    quint16 defaultPort = kDefaultPort; // where a share listens; 0 picks a free port
    FloorPolicy policy = FloorPolicy::Ask;
    UpdateCodec codec = UpdateCodec::Auto;
    int maxFramesPerSecond = 30;
    // A share shows the window's application (its menus and dialogs) or the window alone.
    ShareScope shareScope = ShareScope::Application;
    QKeySequence panicShortcut = QKeySequence(QStringLiteral("Ctrl+Alt+Shift+B"));
    // A certificate (chain) and key from a CA, as PEM files, used by the next share instead
    // of this machine's own self-signed certificate; both empty: the own one.
    QString tlsCertificatePath;
    QString tlsKeyPath;
    InviteForm qrCodeForm = InviteForm::Native;
    // Wayland: the ScreenCast portal's token for the window chosen last in its dialog, with
    // which the desktop shares it again without asking (one use: each grant gives a new one).
    QString screenCastRestoreToken;
    QStringList recentSessions; // invite links, newest first

    // Values that are missing or out of range fall back to the defaults above.
    static AppSettings load(QSettings &store);
    void save(QSettings &store) const;
    // The name to announce: displayName; when that is empty, the account's full name,
    // else its login name, else "Baton user".
    QString effectiveDisplayName(const AccountName &account = AccountName::current()) const;
    // Puts link first, drops an older copy and keeps at most kMaxRecentSessions.
    void rememberSession(const QString &link);

    bool operator==(const AppSettings &) const = default;
};

} // namespace baton::ui
