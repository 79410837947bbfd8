#include "RecentSessionsList.h"

namespace baton::ui {
namespace {

constexpr int kLinkRole = Qt::UserRole;

} // namespace

RecentSessionsList::RecentSessionsList(QWidget *parent) : QListWidget(parent)
{
    setAccessibleName(tr("Recent sessions"));
    setAccessibleDescription(tr("Press Enter or double-click to join again"));
    setSelectionMode(QAbstractItemView::SingleSelection);
    connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (const auto link = InviteLink::parse(item->data(kLinkRole).toString()))
            emit linkActivated(*link);
    });
}

void RecentSessionsList::setLinks(const QStringList &links)
{
    clear();
    for (const QString &text : links) {
        const auto link = InviteLink::parse(text);
        if (!link)
            continue;
        const QString where = QStringLiteral("%1:%2").arg(link->host).arg(link->port);
        auto *item = new QListWidgetItem(tr("%1 — session %2").arg(where, link->sessionId), this);
        item->setData(kLinkRole, text);
        // The passcode stays out of the tooltip: it may be read over someone's shoulder.
        InviteLink shown = *link;
        shown.passcode.clear();
        item->setToolTip(shown.toString());
    }
    if (count() > 0) {
        setCurrentRow(0);
        return;
    }
    auto *empty = new QListWidgetItem(tr("Sessions you join appear here."), this);
    empty->setFlags(Qt::NoItemFlags);
}

QStringList RecentSessionsList::links() const
{
    QStringList result;
    for (int row = 0; row < count(); ++row)
        if (const QString text = item(row)->data(kLinkRole).toString(); !text.isEmpty())
            result << text;
    return result;
}

} // namespace baton::ui
