#pragma once

#include <QIcon>
#include <QKeySequence>
#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QString>

class QAction;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace baton::ui {

class GettingStartedDialog;

// Baton's main window: a thin shell that knows nothing about sharing. It shows the
// panels it is given in a sidebar (Ctrl+1…Ctrl+9 jump to them), a status line the
// application keeps current, and the File / View / Help menus (Help has Getting started,
// on F1, and About). What Settings and Quit do is the application's business: the window
// only emits the requests.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    // Appends a panel (the window takes ownership) and its sidebar entry; returns its index.
    int addPanel(QWidget *panel, const QString &title, const QIcon &icon);
    int panelCount() const;
    int currentPanel() const;
    QWidget *panel(int index) const;
    QListWidget *sidebar() const { return sidebar_; }

    QAction *settingsAction() const { return settingsAction_; }
    QAction *quitAction() const { return quitAction_; }
    QAction *gettingStartedAction() const { return gettingStartedAction_; }
    QAction *aboutAction() const { return aboutAction_; }
    QString sharingStatus() const;

public slots:
    void setCurrentPanel(int index);
    // The permanent message at the left of the status bar ("Sharing “Editor” with 2 viewers").
    void setSharingStatus(const QString &text);
    // The key that takes control back, as Getting started names it (the default until set).
    void setPanicShortcut(const QKeySequence &shortcut);
    // Opens the Getting started dialog, or raises the one already open.
    void showGettingStarted();
    void showAbout();

signals:
    void settingsRequested();
    void quitRequested();
    void currentPanelChanged(int index);

private:
    void createMenus();

    QListWidget *sidebar_;
    QStackedWidget *stack_;
    QLabel *status_;
    QMenu *viewMenu_ = nullptr;
    QAction *settingsAction_ = nullptr;
    QAction *quitAction_ = nullptr;
    QAction *gettingStartedAction_ = nullptr;
    QAction *aboutAction_ = nullptr;
    QList<QAction *> panelActions_;
    QKeySequence panicShortcut_;
    QPointer<GettingStartedDialog> gettingStarted_;
};

} // namespace baton::ui
