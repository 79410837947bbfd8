#include "ui/displays/DisplaysPanel.h"

#include "core/issd/IssdDiscoverer.h"
#include "ui/displays/AgentAddressForm.h"
#include "ui/displays/AgentConnection.h"
#include "ui/displays/AgentListModel.h"
#include "ui/displays/DisplayActionsBar.h"
#include "ui/displays/DisplayPropertiesEditor.h"
#include "ui/displays/FingerprintPins.h"
#include "ui/displays/FingerprintWarning.h"
#include "ui/displays/RevertCountdownBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace baton::ui {

DisplaysPanel::DisplaysPanel(QSettings &store, QWidget *parent)
    : QWidget(parent),
      pins_(std::make_unique<FingerprintPins>(store)),
      model_(new AgentListModel(this)),
      discoverer_(new issd::IssdDiscoverer(this)),
      view_(new QTreeView(this)),
      agentsPlaceholder_(new QLabel(view_->viewport())),
      find_(new QPushButton(tr("&Find agents"), this)),
      remove_(new QPushButton(tr("Remo&ve"), this)),
      form_(new AgentAddressForm(this)),
      warning_(new FingerprintWarning(this)),
      status_(new QLabel(this)),
      noDisplays_(new QLabel(this)),
      countdown_(new RevertCountdownBar(this)),
      editor_(new DisplayPropertiesEditor(this)),
      actions_(new DisplayActionsBar(this))
{
    setObjectName(QStringLiteral("displaysPanel"));
    setAccessibleName(tr("Displays"));
    view_->setObjectName(QStringLiteral("agentTree"));
    view_->setAccessibleName(tr("Agents and their displays"));
    view_->setHeaderHidden(true);
    view_->setModel(model_);
    find_->setObjectName(QStringLiteral("findAgentsButton"));
    find_->setAccessibleName(tr("Find display agents on the network"));
    remove_->setObjectName(QStringLiteral("removeAgentButton"));
    remove_->setAccessibleName(tr("Remove the chosen agent from the list"));
    status_->setObjectName(QStringLiteral("displaysStatus"));
    status_->setAccessibleName(tr("Displays status"));
    status_->setWordWrap(true);
    status_->setTextFormat(Qt::PlainText);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The first thing someone new to the panel reads, in the empty list's place.
    agentsPlaceholder_->setObjectName(QStringLiteral("agentsPlaceholder"));
    agentsPlaceholder_->setText(
        tr("No display agents yet. An agent runs on a room's computer and lets Baton manage "
           "its screens and show your share on them.\n\nPress Find agents to look for them on "
           "this network, connect to one by its address below, or start one on the room's "
           "computer with “baton --agent”."));
    agentsPlaceholder_->setAccessibleName(agentsPlaceholder_->text());
    agentsPlaceholder_->setTextFormat(Qt::PlainText);
    agentsPlaceholder_->setWordWrap(true);
    agentsPlaceholder_->setAlignment(Qt::AlignCenter);
    agentsPlaceholder_->setAttribute(Qt::WA_TransparentForMouseEvents);
    auto *placeholderLayout = new QVBoxLayout(view_->viewport());
    placeholderLayout->setSizeConstraint(QLayout::SetNoConstraint); // the tree's size is its own
    placeholderLayout->setContentsMargins(12, 12, 12, 12);
    placeholderLayout->addWidget(agentsPlaceholder_);
    noDisplays_->setObjectName(QStringLiteral("noDisplaysMessage"));
    noDisplays_->setWordWrap(true);
    noDisplays_->setTextFormat(Qt::PlainText);
    noDisplays_->hide();

    auto *agentsCaption = new QLabel(tr("A&gents:"), this);
    agentsCaption->setBuddy(view_);
    auto *agentButtons = new QHBoxLayout;
    agentButtons->addWidget(find_);
    agentButtons->addWidget(remove_);
    auto *left = new QVBoxLayout;
    left->addWidget(agentsCaption);
    left->addWidget(view_, 1);
    left->addLayout(agentButtons);
    left->addWidget(form_);
    auto *right = new QVBoxLayout;
    right->addWidget(warning_);
    right->addWidget(status_);
    right->addWidget(noDisplays_);
    right->addWidget(countdown_);
    right->addWidget(editor_);
    right->addWidget(actions_);
    right->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 2);
    layout->addLayout(right, 3);
    setTabOrder(view_, find_);
    setTabOrder(find_, remove_);
    setTabOrder(remove_, form_);

    connect(find_, &QPushButton::clicked, this, [this] { discover(); });
    connect(remove_, &QPushButton::clicked, this, [this] {
        QModelIndex index = view_->currentIndex();
        if (index.parent().isValid())
            index = index.parent();
        if (index.isValid())
            model_->removeAgent(index.row());
        onSelectionChanged();
    });
    connect(
        discoverer_, &issd::IssdDiscoverer::found, this,
        [this](const issd::IssdDiscoverer::Agent &agent) {
            model_->addDiscovered(agent);
            showReport(
                tr("Found %1.").arg(agent.name.isEmpty() ? agent.address.toString() : agent.name));
        });
    connect(form_, &AgentAddressForm::invalidAddress, this, &DisplaysPanel::showProblem);
    connect(form_, &AgentAddressForm::connectRequested, this,
            [this](const AgentConnection::Target &target, const QByteArray &secret) {
                auto *connection = new AgentConnection(target, secret, *pins_);
                model_->addConnection(connection);
                watch(connection);
                view_->setCurrentIndex(model_->agentIndex(connection));
                showReport(tr("Connecting to %1…").arg(connection->address()));
                connection->open();
            });
    connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &DisplaysPanel::onSelectionChanged);
    connect(model_, &QAbstractItemModel::rowsInserted, view_, &QTreeView::expandAll);
    connect(model_, &QAbstractItemModel::rowsInserted, this,
            &DisplaysPanel::updateAgentsPlaceholder);
    connect(model_, &QAbstractItemModel::rowsRemoved, this,
            &DisplaysPanel::updateAgentsPlaceholder);
    connect(warning_, &FingerprintWarning::trustRequested, this, [this] {
        warning_->hide();
        if (warned_) {
            showReport(tr("Connecting to %1 with its new certificate…").arg(warned_->address()));
            warned_->trustNewCertificate();
        }
    });
    connect(countdown_, &RevertCountdownBar::keepRequested, this, [this](quint64 op) {
        if (reverting_)
            reverting_->keep(op);
    });
    connect(countdown_, &RevertCountdownBar::revertRequested, this, [this](quint64 op) {
        if (reverting_)
            reverting_->revert(op);
    });
    connect(editor_, &DisplayPropertiesEditor::applyRequested, this,
            [this](const DisplayPropertiesEditor::Changes &changes) {
                if (AgentConnection *connection = selectedConnection())
                    connection->apply(selectedDisplayId(), changes);
            });
    connect(actions_, &DisplayActionsBar::identifyRequested, this, [this] {
        if (AgentConnection *connection = selectedConnection())
            connection->identify(selectedDisplayId());
    });
    connect(actions_, &DisplayActionsBar::snapshotRequested, this, [this] {
        if (AgentConnection *connection = selectedConnection())
            connection->snapshot(
                selectedDisplayId(),
                QSize(DisplayActionsBar::kPreviewWidthPx, DisplayActionsBar::kPreviewHeightPx));
    });
    connect(actions_, &DisplayActionsBar::showShareRequested, this, [this] {
        if (AgentConnection *connection = selectedConnection(); connection && share_)
            connection->join(selectedDisplayId(), *share_);
    });
    connect(actions_, &DisplayActionsBar::takeOffRequested, this, [this] {
        if (AgentConnection *connection = selectedConnection())
            connection->leave(selectedDisplayId());
    });
    onSelectionChanged();
    updateAgentsPlaceholder();
}

DisplaysPanel::~DisplaysPanel() = default;

void DisplaysPanel::discover(quint16 port, const QList<QHostAddress> &targets)
{
    QString error;
    if (!discoverer_->discover(port, targets, &error))
        return showProblem(tr("Could not look for agents: %1").arg(error));
    showReport(tr("Looking for agents…"));
}

void DisplaysPanel::setCurrentShare(std::optional<InviteLink> link)
{
    share_ = std::move(link);
    refreshSelected();
}

void DisplaysPanel::watch(AgentConnection *connection)
{
    connect(connection, &AgentConnection::stateChanged, this, [this, connection] {
        showConnectionState(connection);
        if (connection == selectedConnection())
            refreshSelected();
    });
    const auto refreshIfSelected = [this, connection] {
        if (connection == selectedConnection())
            refreshSelected();
    };
    connect(connection, &AgentConnection::displaysChanged, this,
            [this, connection, refreshIfSelected] {
                // The first display of a freshly connected agent is the likely one to look at.
                if (view_->currentIndex() == model_->agentIndex(connection) &&
                    !connection->displays().isEmpty())
                    view_->setCurrentIndex(
                        model_->displayIndex(connection, connection->displays().first().id));
                refreshIfSelected();
            });
    connect(connection, &AgentConnection::displayChanged, this, refreshIfSelected);
    connect(connection, &AgentConnection::reported, this, &DisplaysPanel::showReport);
    connect(connection, &AgentConnection::problemReported, this, &DisplaysPanel::showProblem);
    connect(connection, &AgentConnection::revertPending, this,
            [this, connection](quint64 op, const QString &, int seconds) {
                reverting_ = connection;
                countdown_->start(op, seconds);
            });
    connect(connection, &AgentConnection::operationEnded, this,
            [this, connection](quint64 op, const QString &) {
                if (connection == reverting_)
                    countdown_->finish(op);
            });
    connect(connection, &AgentConnection::snapshotReady, this,
            [this, connection](const QString &displayId, const QImage &image) {
                if (connection == selectedConnection() && displayId == selectedDisplayId())
                    actions_->showSnapshot(image);
            });
}

void DisplaysPanel::showConnectionState(AgentConnection *connection)
{
    switch (connection->state()) {
    case AgentConnection::State::Connecting:
        break;
    case AgentConnection::State::Ready:
        if (warned_ == connection)
            warning_->hide();
        showReport(
            tr("Connected to %1.")
                .arg(connection->name().isEmpty() ? connection->address() : connection->name()));
        break;
    case AgentConnection::State::Failed:
        if (connection == reverting_)
            countdown_->finish(countdown_->operation());
        showProblem(connection->problem());
        break;
    case AgentConnection::State::CertificateChanged:
        warned_ = connection;
        warning_->showFor(connection->address(), connection->problem(),
                          connection->pinnedFingerprint(), connection->seenFingerprint());
        showProblem(connection->problem());
        break;
    }
}

void DisplaysPanel::showReport(const QString &text)
{
    status_->setForegroundRole(QPalette::WindowText);
    status_->setStyleSheet(QString());
    status_->setText(text);
}

void DisplaysPanel::showProblem(const QString &text)
{
    status_->setStyleSheet(QStringLiteral("color: #b00020;"));
    status_->setText(text);
}

AgentConnection *DisplaysPanel::selectedConnection() const
{
    return model_->connectionAt(view_->currentIndex());
}

QString DisplaysPanel::selectedDisplayId() const
{
    return model_->displayIdAt(view_->currentIndex());
}

void DisplaysPanel::onSelectionChanged()
{
    actions_->clearSnapshot();
    const QModelIndex current = view_->currentIndex();
    if (current.isValid() && !selectedConnection())
        form_->setAddress(
            current.data(AgentListModel::AddressRole).toString()); // discovered, not connected
    refreshSelected();
}

void DisplaysPanel::refreshSelected()
{
    AgentConnection *connection = selectedConnection();
    const bool ready = connection && connection->state() == AgentConnection::State::Ready;
    const DisplayState *display = ready ? connection->display(selectedDisplayId()) : nullptr;
    editor_->setDisplay(display ? std::optional<DisplayState>(*display) : std::nullopt,
                        ready && connection->hasFeature(QStringLiteral("layout")));
    actions_->setAvailable(display != nullptr,
                           ready && connection->hasFeature(QStringLiteral("share-baton")),
                           share_.has_value());

    const bool none = ready && connection->hasListedDisplays() && connection->displays().isEmpty();
    if (none) {
        const QString agent =
            connection->name().isEmpty() ? connection->address() : connection->name();
        noDisplays_->setText(tr("%1 has no displays to manage. Check that the room's screens "
                                "are connected and switched on: they appear here when the "
                                "agent sees them.")
                                 .arg(agent));
        noDisplays_->setAccessibleName(noDisplays_->text());
    }
    noDisplays_->setVisible(none);
}

void DisplaysPanel::updateAgentsPlaceholder()
{
    const bool empty = model_->rowCount() == 0;
    agentsPlaceholder_->setVisible(empty);
    // Heard when the empty tree takes the focus.
    view_->setAccessibleDescription(empty ? agentsPlaceholder_->text() : QString());
}

} // namespace baton::ui
