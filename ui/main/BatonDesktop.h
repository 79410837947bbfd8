#pragma once

#include "core/net/CertificateStore.h"
#include "ui/settings/AppSettings.h"

#include <QObject>

#include <functional>
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
class ViewerWindow;

// The desktop application put together: the main window with the Share, Join and
// Displays panels, the tray icon, the control-request notifications and the settings
// dialog, wired to each other. The QSettings and this machine's TLS identity are passed
// in; the AppSettings given (read from the store, perhaps overridden on the command
// line) are what the panels use, and what is saved when the person changes them.
//
// It also decides when Baton ends: closing the main window while sharing asks whether to
// stop or keep sharing from the tray; otherwise Baton ends once none of its windows is
// open. Quitting ends the share and every viewer with a Goodbye before the process goes.
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

    // What closing the main window while sharing does (the person's answer to the question).
    enum class CloseChoice { KeepSharing, StopSharing, Cancel };
    using CloseQuestion = std::function<CloseChoice(bool trayAvailable)>;
    // Replaces the question box (tests answer it themselves).
    void setCloseQuestion(CloseQuestion question) { closeQuestion_ = std::move(question); }

    // Opens a viewer window on an invite link given as text (the command line, another
    // Baton process). A link that cannot be joined is shown on the Join panel with what is
    // wrong with it; the same sentence is returned. Empty when a viewer window opened.
    QString openLink(const QString &text);
    // quit() was called: Baton is saying goodbye and takes nothing new.
    bool isQuitting() const { return quitting_; }

public slots:
    // Brings the main window up, restored and in front.
    void showWindow();
    // The settings dialog, modal on the main window; OK saves.
    void showSettings();
    // Ends the share and every viewer (each is told), then asks the application to quit.
    void quit();

signals:
    // Baton is done: quit() said goodbye to everyone, or the last window closed.
    void quitRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The main window is being closed: false when it stays open.
    bool closeWindow();
    // After a window closed: Baton ends when no window of it is left and nothing is shared.
    void quitWhenNoWindowIsLeft();
    void watchViewer(ViewerWindow *viewer);
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
    int joinIndex_;
    CloseQuestion closeQuestion_;
    bool quitting_ = false;
    QString sharedTitle_;
};

} // namespace baton::ui
