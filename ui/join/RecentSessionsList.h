#pragma once

#include "core/common/InviteLink.h"

#include <QListWidget>
#include <QStringList>

namespace baton::ui {

// The sessions joined before, newest first, each shown as its host, port and session;
// a double click or Enter joins it again.
class RecentSessionsList : public QListWidget {
    Q_OBJECT
public:
    explicit RecentSessionsList(QWidget *parent = nullptr);

    // Invite links as AppSettings::recentSessions keeps them; unreadable ones are skipped.
    void setLinks(const QStringList &links);
    // The links shown, in order.
    QStringList links() const;

signals:
    void linkActivated(const baton::InviteLink &link);
};

} // namespace baton::ui
