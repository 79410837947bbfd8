#pragma once

#include "core/issd/IssdDiscoverer.h"

#include <QAbstractItemModel>

namespace baton::ui {

class AgentConnection;

// The agents the Displays panel knows, as a tree: each agent (found by discovery, or
// connected by address) and, below a connected one, its displays. Owns the
// connections it is given. Display rows point at their connection, so their indexes
// stay valid while agents above them come and go.
class AgentListModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role {
        DisplayIdRole = Qt::UserRole + 1, // the display's id on display rows, else empty
        AddressRole, // host:port of the agent (both kinds of rows)
    };

    explicit AgentListModel(QObject *parent = nullptr);
    ~AgentListModel() override;

    // Takes ownership; replaces an entry with the same address (e.g. the discovered one).
    void addConnection(AgentConnection *connection);
    // An agent that answered discovery; nothing happens if its address is listed already.
    void addDiscovered(const issd::IssdDiscoverer::Agent &agent);
    void removeAgent(int row);

    AgentConnection *connectionAt(const QModelIndex &index) const; // agent or display row
    QString displayIdAt(const QModelIndex &index) const; // empty on agent rows
    QModelIndex agentIndex(const AgentConnection *connection) const;
    QModelIndex displayIndex(const AgentConnection *connection, const QString &displayId) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Entry {
        QString address; // host:port
        QString name; // from discovery or HELLO
        AgentConnection *connection = nullptr;
        int shownDisplays = 0; // the child rows the views know of
    };
    int rowOf(const AgentConnection *connection) const;
    void watch(AgentConnection *connection);
    void syncDisplays(AgentConnection *connection);
    QString agentText(const Entry &entry) const;
    QString displayText(const AgentConnection &connection, int row) const;

    QList<Entry> entries_;
};

} // namespace baton::ui
