#include "ui/share/ParticipantsView.h"

#include "core/session/HostSession.h"
#include "ui/share/ParticipantsModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace baton::ui {

ParticipantsView::ParticipantsView(ParticipantsModel *model, QWidget *parent)
    : QWidget(parent),
      model_(model),
      table_(new QTableView(this)),
      empty_(new QLabel(this)),
      grant_(new QPushButton(tr("&Grant"), this)),
      deny_(new QPushButton(tr("&Deny"), this)),
      pass_(new QPushButton(tr("Pass &to"), this)),
      revoke_(new QPushButton(tr("Re&voke"), this)),
      remove_(new QPushButton(tr("Re&move"), this)),
      policyBox_(new QComboBox(this)),
      takeBack_(new QPushButton(tr("Take &back control"), this))
{
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setSectionResizeMode(ParticipantsModel::NameColumn,
                                                     QHeaderView::Stretch);
    table_->setAccessibleName(tr("Participants"));
    auto *tableLabel = new QLabel(tr("&Participants:"), this);
    tableLabel->setBuddy(table_);
    empty_->setWordWrap(true);
    empty_->setAccessibleName(tr("About the participants"));

    grant_->setAccessibleName(tr("Grant control to the selected participant"));
    deny_->setAccessibleName(tr("Deny the selected participant's request"));
    pass_->setAccessibleName(tr("Pass control to the selected participant"));
    revoke_->setAccessibleName(tr("Revoke control from the selected participant"));
    remove_->setAccessibleName(tr("Remove the selected participant from the share"));
    takeBack_->setAccessibleName(tr("Take back control of the shared window"));
    takeBack_->setToolTip(tr("Nobody but you drives the shared window until you grant or "
                             "pass control again."));

    policyBox_->addItem(tr("Ask me"), int(FloorPolicy::Ask));
    policyBox_->addItem(tr("Grant automatically"), int(FloorPolicy::Auto));
    policyBox_->addItem(tr("Collaborate"), int(FloorPolicy::Collaborate));
    policyBox_->setAccessibleName(tr("Control policy"));
    policyBox_->setToolTip(tr("Ask me: you approve every request. Grant automatically: the "
                              "first to ask gets control when it is free. Collaborate: "
                              "whoever acts takes control."));
    auto *policyLabel = new QLabel(tr("Control polic&y:"), this);
    policyLabel->setBuddy(policyBox_);

    auto *actions = new QHBoxLayout;
    for (QPushButton *button : {grant_, deny_, pass_, revoke_, remove_}) {
        actions->addWidget(button);
        connect(button, &QPushButton::clicked, this, [this, button] {
            if (const auto userId = selectedUserId())
                act(*userId, button);
        });
    }
    actions->addStretch();
    auto *control = new QHBoxLayout;
    control->addWidget(policyLabel);
    control->addWidget(policyBox_);
    control->addStretch();
    control->addWidget(takeBack_);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    layout->addWidget(tableLabel);
    layout->addWidget(empty_);
    layout->addWidget(table_, 1);
    layout->addLayout(actions);
    layout->addLayout(control);
    setTabOrder(table_, grant_);
    setTabOrder(grant_, deny_);
    setTabOrder(deny_, pass_);
    setTabOrder(pass_, revoke_);
    setTabOrder(revoke_, remove_);
    setTabOrder(remove_, policyBox_);
    setTabOrder(policyBox_, takeBack_);

    connect(policyBox_, &QComboBox::currentIndexChanged, this,
            [this] { emit policyChanged(policy()); });
    connect(takeBack_, &QPushButton::clicked, this, &ParticipantsView::takeBackRequested);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ParticipantsView::updateActions);
    connect(model_, &ParticipantsModel::statesChanged, this, &ParticipantsView::updateActions);
    connect(model_, &QAbstractItemModel::modelReset, this, &ParticipantsView::updateActions);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &ParticipantsView::updateActions);
    connect(model_, &QAbstractItemModel::modelReset, this, &ParticipantsView::updateEmptyState);
    connect(model_, &QAbstractItemModel::rowsInserted, this, &ParticipantsView::updateEmptyState);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &ParticipantsView::updateEmptyState);
    updateActions();
    updateEmptyState();
}

FloorPolicy ParticipantsView::policy() const
{
    return FloorPolicy(policyBox_->currentData().toInt());
}

void ParticipantsView::setPolicy(FloorPolicy policy)
{
    policyBox_->setCurrentIndex(policyBox_->findData(int(policy)));
}

std::optional<uint16_t> ParticipantsView::selectedUserId() const
{
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return uint16_t(rows.first().data(ParticipantsModel::UserIdRole).toUInt());
}

void ParticipantsView::selectUser(uint16_t userId)
{
    const int row = model_->rowOf(userId);
    if (row >= 0)
        table_->selectRow(row);
}

void ParticipantsView::act(uint16_t userId, QPushButton *button)
{
    HostSession *session = model_->session();
    if (!session)
        return;
    if (button == grant_)
        session->floor().grant(userId);
    else if (button == deny_)
        session->floor().deny(userId);
    else if (button == pass_)
        session->floor().passTo(userId);
    else if (button == revoke_ && session->floor().floor().holder() == userId)
        session->floor().revoke();
    else if (button == remove_)
        session->removeViewer(userId, tr("the host removed you from the share"));
    updateActions();
}

void ParticipantsView::updateActions()
{
    HostSession *session = model_->session();
    const auto userId = selectedUserId();
    const auto state = userId ? model_->stateOf(*userId) : ParticipantsModel::State::Viewing;
    const bool selected = session && userId;
    grant_->setEnabled(selected && state == ParticipantsModel::State::Requesting);
    deny_->setEnabled(selected && state == ParticipantsModel::State::Requesting);
    pass_->setEnabled(selected && state != ParticipantsModel::State::InControl);
    revoke_->setEnabled(selected && state == ParticipantsModel::State::InControl);
    remove_->setEnabled(selected);
    takeBack_->setEnabled(session && !session->floor().floor().isFree());
}

void ParticipantsView::updateEmptyState()
{
    empty_->setVisible(model_->rowCount() == 0);
    if (!model_->session())
        empty_->setText(tr("People who join with the invite link appear here. You decide who "
                           "may control the shared window."));
    else
        empty_->setText(tr("Nobody has joined yet. Send the invite link: people appear here "
                           "as they join."));
}

} // namespace baton::ui
