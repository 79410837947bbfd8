#pragma once

#include "core/common/InviteLink.h"

#include <QHostAddress>
#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QPushButton;
class QSettings;
class QTreeView;

namespace baton::issd {
class IssdDiscoverer;
}

namespace baton::ui {

class AgentAddressForm;
class AgentConnection;
class AgentListModel;
class DisplayActionsBar;
class DisplayPropertiesEditor;
class FingerprintPins;
class FingerprintWarning;
class RevertCountdownBar;

// The Displays panel: room screens managed over ISSD (docs/issd.md). Agents are found
// by UDP discovery or added by address with a secret (kept in memory only); their
// displays are listed with live properties; the chosen display's mode, rotation,
// primary, brightness and power can be changed (a layout change comes back by itself
// unless kept), it can be identified, looked at, and made to show the person's current
// share. Agents' certificates are pinned on first use in the QSettings passed in.
class DisplaysPanel : public QWidget {
    Q_OBJECT
public:
    explicit DisplaysPanel(QSettings &store, QWidget *parent = nullptr);
    ~DisplaysPanel() override;

    // Asks the LAN (or the given addresses) which agents are there; answers fill the list.
    void discover(quint16 port = 1600, const QList<QHostAddress> &targets = {});

public slots:
    // The invite link of the person's share while they share, else nullopt: enables
    // "Show my share here".
    void setCurrentShare(std::optional<baton::InviteLink> link);

private:
    void watch(AgentConnection *connection);
    void onSelectionChanged();
    void updateAgentsPlaceholder();
    void refreshSelected();
    void showConnectionState(AgentConnection *connection);
    void showReport(const QString &text);
    void showProblem(const QString &text);
    AgentConnection *selectedConnection() const;
    QString selectedDisplayId() const;

    std::unique_ptr<FingerprintPins> pins_;
    AgentListModel *model_;
    issd::IssdDiscoverer *discoverer_;
    QTreeView *view_;
    QLabel *agentsPlaceholder_; // over the empty tree: what agents are, how to get one
    QPushButton *find_;
    QPushButton *remove_;
    AgentAddressForm *form_;
    FingerprintWarning *warning_;
    QLabel *status_;
    QLabel *noDisplays_; // the chosen agent answered with no displays
    RevertCountdownBar *countdown_;
    DisplayPropertiesEditor *editor_;
    DisplayActionsBar *actions_;
    QPointer<AgentConnection> warned_; // the agent the certificate warning is about
    QPointer<AgentConnection> reverting_; // the agent whose change the countdown is about
    std::optional<InviteLink> share_;
};

} // namespace baton::ui
