#pragma once

#include "core/common/InviteLink.h"

#include <QList>
#include <QWidget>

class QPushButton;

namespace baton::ui {

struct AppSettings;
class JoinForm;
class RecentSessionsList;
class ViewerWindow;

// The Join panel: an invite link pasted (or its parts typed) and Join, or a recent
// session chosen from the list. Each join opens a ViewerWindow, which the panel owns
// (a closed window deletes itself); joining a link that already has a window raises it
// instead, reconnecting it when its session had ended. A session the host welcomed goes
// to the top of AppSettings::recentSessions, and settingsChanged() asks the owner of the
// settings to save them.
class JoinPanel : public QWidget {
    Q_OBJECT
public:
    explicit JoinPanel(AppSettings &settings, QWidget *parent = nullptr);

    // Opens a viewer window on the link's session; null with a sentence when the link
    // cannot be joined (it lacks a host, a session or a fingerprint). Joining itself goes
    // on in the window, which says how it went.
    ViewerWindow *join(const InviteLink &link, QString *error = nullptr);
    QList<ViewerWindow *> windows() const;

    JoinForm *form() const { return form_; }
    QPushButton *joinButton() const { return joinButton_; }
    RecentSessionsList *recentList() const { return recent_; }

signals:
    void settingsChanged();
    void windowOpened(baton::ui::ViewerWindow *window);

private:
    void joinFromForm();
    void remember(const InviteLink &link);

    AppSettings &settings_;
    JoinForm *form_;
    QPushButton *joinButton_;
    RecentSessionsList *recent_;
};

} // namespace baton::ui
