#include "ui/displays/AgentListModel.h"

#include "ui/displays/AgentConnection.h"

namespace baton::ui {

AgentListModel::AgentListModel(QObject *parent) : QAbstractItemModel(parent)
{
}

AgentListModel::~AgentListModel() = default;

int AgentListModel::rowOf(const AgentConnection *connection) const
{
    for (qsizetype row = 0; row < entries_.size(); ++row)
        if (connection && entries_[row].connection == connection)
            return int(row);
    return -1;
}

void AgentListModel::addConnection(AgentConnection *connection)
{
    connection->setParent(this);
    const QString address = connection->address();
    for (qsizetype row = 0; row < entries_.size(); ++row)
        if (entries_[row].address == address) {
            removeAgent(int(row));
            break;
        }
    beginInsertRows({}, int(entries_.size()), int(entries_.size()));
    entries_.append({address, connection->name(), connection, 0});
    endInsertRows();
    watch(connection);
}

void AgentListModel::addDiscovered(const issd::IssdDiscoverer::Agent &agent)
{
    const QString host = agent.address.toString();
    const QString address = host.contains(u':')
        ? QStringLiteral("[%1]:%2").arg(host).arg(agent.tcpPort)
        : QStringLiteral("%1:%2").arg(host).arg(agent.tcpPort);
    for (const Entry &entry : std::as_const(entries_))
        if (entry.address == address)
            return;
    beginInsertRows({}, int(entries_.size()), int(entries_.size()));
    entries_.append({address, agent.name, nullptr, 0});
    endInsertRows();
}

void AgentListModel::removeAgent(int row)
{
    if (row < 0 || row >= entries_.size())
        return;
    beginRemoveRows({}, row, row);
    const Entry entry = entries_.takeAt(row);
    endRemoveRows();
    delete entry.connection;
}

void AgentListModel::watch(AgentConnection *connection)
{
    connect(connection, &AgentConnection::stateChanged, this, [this, connection] {
        const int row = rowOf(connection);
        if (row < 0)
            return;
        if (!connection->name().isEmpty())
            entries_[row].name = connection->name();
        const QModelIndex changed = index(row, 0);
        emit dataChanged(changed, changed);
    });
    connect(connection, &AgentConnection::displaysChanged, this,
            [this, connection] { syncDisplays(connection); });
    connect(connection, &AgentConnection::displayChanged, this,
            [this, connection](const QString &id) {
                const QModelIndex changed = displayIndex(connection, id);
                if (changed.isValid())
                    emit dataChanged(changed, changed);
            });
}

void AgentListModel::syncDisplays(AgentConnection *connection)
{
    // The connection's list has already changed: the views are told with the counts
    // they know, so that removal and insertion stay consistent.
    const int row = rowOf(connection);
    if (row < 0)
        return;
    const QModelIndex agent = index(row, 0);
    if (entries_[row].shownDisplays > 0) {
        beginRemoveRows(agent, 0, entries_[row].shownDisplays - 1);
        entries_[row].shownDisplays = 0;
        endRemoveRows();
    }
    const int count = int(connection->displays().size());
    if (count > 0) {
        beginInsertRows(agent, 0, count - 1);
        entries_[row].shownDisplays = count;
        endInsertRows();
    }
    emit dataChanged(agent, agent); // "no displays" comes and goes with them
}

AgentConnection *AgentListModel::connectionAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    if (index.internalPointer())
        return static_cast<AgentConnection *>(index.internalPointer());
    return index.row() < entries_.size() ? entries_[index.row()].connection : nullptr;
}

QString AgentListModel::displayIdAt(const QModelIndex &index) const
{
    return index.data(DisplayIdRole).toString();
}

QModelIndex AgentListModel::agentIndex(const AgentConnection *connection) const
{
    const int row = rowOf(connection);
    return row < 0 ? QModelIndex() : index(row, 0);
}

QModelIndex AgentListModel::displayIndex(const AgentConnection *connection,
                                         const QString &displayId) const
{
    const int row = rowOf(connection);
    if (row < 0)
        return {};
    const auto &displays = connection->displays();
    for (qsizetype i = 0; i < displays.size() && i < entries_[row].shownDisplays; ++i)
        if (displays[i].id == displayId)
            return index(int(i), 0, index(row, 0));
    return {};
}

QModelIndex AgentListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < entries_.size() ? createIndex(row, 0) : QModelIndex();
    if (parent.internalPointer() || parent.row() >= entries_.size())
        return {}; // displays have no children
    const Entry &entry = entries_[parent.row()];
    if (!entry.connection || row >= entry.shownDisplays)
        return {};
    return createIndex(row, 0, entry.connection);
}

QModelIndex AgentListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !child.internalPointer())
        return {};
    return agentIndex(static_cast<const AgentConnection *>(child.internalPointer()));
}

int AgentListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(entries_.size());
    if (parent.internalPointer() || parent.row() >= entries_.size())
        return 0;
    return entries_[parent.row()].shownDisplays;
}

int AgentListModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QString AgentListModel::agentText(const Entry &entry) const
{
    const QString title = entry.name.isEmpty()
        ? entry.address
        : tr("%1 (%2)", "agent name (address)").arg(entry.name, entry.address);
    if (!entry.connection)
        return tr("%1 — not connected").arg(title);
    switch (entry.connection->state()) {
    case AgentConnection::State::Connecting:
        return tr("%1 — connecting…").arg(title);
    case AgentConnection::State::Ready:
        if (entry.connection->hasListedDisplays() && entry.connection->displays().isEmpty())
            return tr("%1 — no displays").arg(title);
        return title;
    case AgentConnection::State::Failed:
        return tr("%1 — not connected").arg(title);
    case AgentConnection::State::CertificateChanged:
        return tr("%1 — certificate changed!").arg(title);
    }
    return title;
}

QString AgentListModel::displayText(const AgentConnection &connection, int row) const
{
    const DisplayState &display = connection.displays().at(row);
    QStringList parts{QString::number(display.index)};
    const QString label = display.value(QStringLiteral("label"));
    parts << (label.isEmpty() ? display.value(QStringLiteral("connector")) : label);
    if (display.has(QStringLiteral("mode")))
        parts << display.value(QStringLiteral("mode"));
    if (display.value(QStringLiteral("primary")) == u"yes")
        parts << tr("primary");
    if (display.value(QStringLiteral("enabled")) == u"no")
        parts << tr("off");
    return parts.join(QStringLiteral(" · "));
}

QVariant AgentListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const auto *connection = static_cast<const AgentConnection *>(index.internalPointer());
    if (connection) {
        if (index.row() >= connection->displays().size())
            return {};
        if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)
            return displayText(*connection, index.row());
        if (role == DisplayIdRole)
            return connection->displays().at(index.row()).id;
        if (role == AddressRole)
            return connection->address();
        return {};
    }
    if (index.row() >= entries_.size())
        return {};
    const Entry &entry = entries_[index.row()];
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)
        return agentText(entry);
    if (role == AddressRole)
        return entry.address;
    return {};
}

} // namespace baton::ui
