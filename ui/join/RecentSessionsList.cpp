#include "RecentSessionsList.h"

#include <QLabel>
#include <QVBoxLayout>

namespace baton::ui {
namespace {

constexpr int kLinkRole = Qt::UserRole;

} // namespace

RecentSessionsList::RecentSessionsList(QWidget *parent)
    : QListWidget(parent),
      placeholder_(new QLabel(tr("No recent sessions yet. Paste the invite link the host sent "
                                 "you above, or open it from your chat or mail: Baton opens "
                                 "it here."),
                              viewport()))
{
    setAccessibleName(tr("Recent sessions"));
    setSelectionMode(QAbstractItemView::SingleSelection);
    // Over the empty list, in its middle, and out of the way of the mouse.
    placeholder_->setObjectName(QStringLiteral("recentSessionsPlaceholder"));
    placeholder_->setAccessibleName(placeholder_->text());
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setAttribute(Qt::WA_TransparentForMouseEvents);
    auto *layout = new QVBoxLayout(viewport());
    layout->setSizeConstraint(QLayout::SetNoConstraint); // the list's size is the list's
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addWidget(placeholder_);
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
    const bool empty = count() == 0;
    placeholder_->setVisible(empty);
    // A screen reader on the empty list hears what the placeholder says.
    setAccessibleDescription(empty ? placeholder_->text()
                                   : tr("Press Enter or double-click to join again"));
    if (!empty)
        setCurrentRow(0);
}

QStringList RecentSessionsList::links() const
{
    QStringList result;
    for (int row = 0; row < count(); ++row)
        result << item(row)->data(kLinkRole).toString();
    return result;
}

} // namespace baton::ui
