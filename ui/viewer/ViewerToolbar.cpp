#include "ViewerToolbar.h"

#include "ViewerRateMeter.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QToolButton>

namespace baton::ui {

ViewerToolbar::ViewerToolbar(QWidget *parent)
    : QToolBar(tr("Session"), parent),
      request_(new QAction(tr("&Request control"), this)),
      release_(new QAction(tr("Re&lease control"), this)),
      pass_(new QAction(tr("&Pass control to"), this)),
      fit_(new QAction(tr("&Fit to window"), this)),
      reconnect_(new QAction(tr("Re&connect"), this)),
      passMenu_(new QMenu(tr("&Pass control to"), this)),
      floor_(new QLabel(this)),
      stats_(new QLabel(this))
{
    setObjectName(QStringLiteral("viewerToolbar"));
    setAccessibleName(tr("Session controls"));
    setMovable(false);
    setToolButtonStyle(Qt::ToolButtonTextOnly);

    request_->setToolTip(tr("Ask the host for control of the shared window"));
    release_->setToolTip(tr("Give control back, or withdraw your request"));
    pass_->setToolTip(tr("Hand control to another participant"));
    fit_->setToolTip(tr("Scale the picture to the window instead of showing it pixel for pixel"));
    fit_->setCheckable(true);
    reconnect_->setToolTip(tr("Join the same session again"));
    pass_->setMenu(passMenu_);

    addAction(request_);
    addAction(release_);
    addAction(pass_);
    if (auto *button = qobject_cast<QToolButton *>(widgetForAction(pass_)))
        button->setPopupMode(QToolButton::InstantPopup);
    addSeparator();
    addAction(fit_);
    addAction(reconnect_);

    auto *spacer = new QWidget(this);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    addWidget(spacer);
    floor_->setAccessibleName(tr("Who is in control"));
    floor_->setContentsMargins(8, 0, 8, 0);
    addWidget(floor_);
    stats_->setAccessibleName(tr("Link quality"));
    stats_->setToolTip(tr("Update delay, frames per second and bandwidth over the last second"));
    stats_->setContentsMargins(8, 0, 8, 0);
    // Room for the widest figures, so the toolbar does not shift every second.
    const ViewerRateMeter::Rates widest{999, 60, 99.9e6};
    stats_->setMinimumWidth(
        stats_->fontMetrics().horizontalAdvance(ViewerRateMeter::describe(widest)) + 16);
    addWidget(stats_);
}

void ViewerToolbar::setParticipants(const std::vector<Roster::Participant> &participants,
                                    uint16_t self)
{
    passMenu_->clear();
    for (const Roster::Participant &participant : participants) {
        if (participant.userId == self)
            continue;
        const QString name = QString::fromStdString(participant.name);
        const QString text =
            participant.role == protocol::Role::Host ? tr("%1 (host)").arg(name) : name;
        QAction *action = passMenu_->addAction(text);
        const uint16_t userId = participant.userId;
        connect(action, &QAction::triggered, this, [this, userId] { emit passRequested(userId); });
    }
    if (passMenu_->isEmpty())
        passMenu_->addAction(tr("Nobody else is here"))->setEnabled(false);
}

void ViewerToolbar::setFloorText(const QString &text)
{
    floor_->setText(text);
}

void ViewerToolbar::setStatsText(const QString &text)
{
    stats_->setText(text);
}

QString ViewerToolbar::floorText() const
{
    return floor_->text();
}

QString ViewerToolbar::statsText() const
{
    return stats_->text();
}

} // namespace baton::ui
