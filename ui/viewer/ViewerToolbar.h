#pragma once

#include "core/session/Roster.h"

#include <QToolBar>

#include <vector>

class QLabel;
class QMenu;

namespace baton::ui {

// The viewer window's controls: Request control, Release, Pass to… (a menu of the other
// participants), Fit to window and Reconnect, then who holds the floor and the live
// delay, frame rate and bandwidth. The window enables the actions and puts the same
// actions in its menus, where their mnemonics reach them from the keyboard.
class ViewerToolbar : public QToolBar {
    Q_OBJECT
public:
    explicit ViewerToolbar(QWidget *parent = nullptr);

    QAction *requestAction() const { return request_; }
    QAction *releaseAction() const { return release_; }
    QAction *passAction() const { return pass_; }
    QAction *fitAction() const { return fit_; }
    QAction *reconnectAction() const { return reconnect_; }
    QMenu *passMenu() const { return passMenu_; }

    // The participants control can be passed to: everyone but this viewer.
    void setParticipants(const std::vector<Roster::Participant> &participants, uint16_t self);
    void setFloorText(const QString &text);
    void setStatsText(const QString &text);
    QString floorText() const;
    QString statsText() const;

signals:
    void passRequested(uint16_t userId);

private:
    QAction *request_;
    QAction *release_;
    QAction *pass_;
    QAction *fit_;
    QAction *reconnect_;
    QMenu *passMenu_;
    QLabel *floor_;
    QLabel *stats_;
};

} // namespace baton::ui
