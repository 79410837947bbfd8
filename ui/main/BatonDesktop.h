#pragma once

#include "core/net/CertificateStore.h"
#include "ui/settings/AppSettings.h"

#include <QObject>

#include <memory>

class QSettings;
class QTranslator;

namespace baton::ui {

class ControlRequests;
class DisplaysPanel;
class JoinPanel;
class MainWindow;
class SharePanel;
class TrayIcon;

// The desktop application put together: the main window with the Share, Join and
// Displays panels, the tray icon, the control-request notifications and the settings
// dialog, wired to each other. The QSettings and this machine's TLS identity are passed
// in; the AppSettings given (read from the store, perhaps overridden on the command
// line) are what the panels use, and what is saved when the person changes them.
class BatonDesktop : public QObject {
    Q_OBJECT
public:
    BatonDesktop(QSettings &store, AppSettings settings, net::CertificateStore::Identity identity,
                 QObject *parent = nullptr);
    ~BatonDesktop() override;

    // Loads the person's language where Baton has it, English otherwise (for its plural
    // forms), from the .qm files built into the library; false when none loads.
    static bool loadTranslations(QTranslator &translator);

    MainWindow *window() const { return window_.get(); }
    SharePanel *sharePanel() const { return share_; }
    JoinPanel *joinPanel() const { return join_; }
    DisplaysPanel *displaysPanel() const { return displays_; }
    TrayIcon *tray() const { return tray_; }
    ControlRequests *controlRequests() const { return requests_; }
    const AppSettings &settings() const { return settings_; }

public slots:
    // Brings the main window up, restored and in front.
    void showWindow();
    // The settings dialog, modal on the main window; OK saves.
    void showSettings();

signals:
    // File ▸ Quit or the tray's Quit.
    void quitRequested();

private:
    void onSharingChanged(bool sharing, const QString &windowTitle);
    void onControlRequested(uint16_t userId, const QString &name);
    void updateStatus();
    void save();

    QSettings &store_;
    AppSettings settings_; // before the window: the panels keep references to it
    QByteArray fingerprint_;
    std::unique_ptr<MainWindow> window_;
    SharePanel *share_;
    JoinPanel *join_;
    DisplaysPanel *displays_;
    TrayIcon *tray_;
    ControlRequests *requests_;
    QString sharedTitle_;
};

} // namespace baton::ui
