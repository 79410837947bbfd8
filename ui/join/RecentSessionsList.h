#pragma once

#include "core/common/InviteLink.h"

#include <QListWidget>
#include <QStringList>

class QLabel;

namespace baton::ui {

// The sessions joined before, newest first, each shown as its host, port and session;
// a double click or Enter joins it again. Empty, it says in its place how to join.
class RecentSessionsList : public QListWidget {
    Q_OBJECT
public:
    explicit RecentSessionsList(QWidget *parent = nullptr);

    // Invite links as AppSettings::recentSessions keeps them; unreadable ones are skipped.
    void setLinks(const QStringList &links);
    // The links shown, in order.
    QStringList links() const;
    // What the empty list says; hidden while there are sessions.
    QLabel *placeholder() const { return placeholder_; }

signals:
    void linkActivated(const baton::InviteLink &link);

private:
    QLabel *placeholder_;
};

} // namespace baton::ui
