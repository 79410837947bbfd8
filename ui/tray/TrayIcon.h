#pragma once

#include <QIcon>
#include <QObject>
#include <QString>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace baton::ui {

// Baton in the notification area: the sharing state in the icon and its tooltip, and a
// menu to show the window, stop sharing, take control back or quit. What those do is the
// application's business; this only emits the requests. Inert (nothing shown, the
// actions still usable) where the desktop has no system tray.
class TrayIcon : public QObject {
    Q_OBJECT
public:
    explicit TrayIcon(const QIcon &icon, QObject *parent = nullptr);
    ~TrayIcon() override;

    bool isVisible() const;
    QString toolTip() const { return toolTip_; }
    QIcon icon() const { return current_; }
    QMenu *menu() const { return menu_; }
    QAction *showAction() const { return show_; }
    QAction *stopSharingAction() const { return stopSharing_; }
    QAction *takeBackAction() const { return takeBack_; }
    QAction *quitAction() const { return quit_; }

public slots:
    // Sharing windowTitle (or nothing); stopping and taking back make sense only while sharing.
    void setSharing(bool sharing, const QString &windowTitle);
    // A passing message from the tray (where the desktop shows them); nothing without a tray.
    void notify(const QString &title, const QString &text);

signals:
    void showRequested();
    void stopSharingRequested();
    void takeBackRequested();
    void quitRequested();

private:
    QIcon sharingIcon() const;

    QIcon idle_;
    QIcon current_;
    QString toolTip_;
    QMenu *menu_;
    QAction *show_;
    QAction *stopSharing_;
    QAction *takeBack_;
    QAction *quit_;
    QSystemTrayIcon *tray_ = nullptr;
};

} // namespace baton::ui
