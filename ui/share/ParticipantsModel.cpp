#include "ui/share/ParticipantsModel.h"

#include "core/session/HostSession.h"

#include <QLocale>

#include <algorithm>

namespace baton::ui {

ParticipantsModel::ParticipantsModel(QObject *parent) : QAbstractTableModel(parent)
{
    clock_.start();
    sampleTimer_.setInterval(kSampleIntervalMs);
    connect(&sampleTimer_, &QTimer::timeout, this, &ParticipantsModel::sample);
}

void ParticipantsModel::setSession(HostSession *session)
{
    if (session_) {
        disconnect(session_, nullptr, this, nullptr);
        disconnect(&session_->floor(), nullptr, this, nullptr);
    }
    beginResetModel();
    session_ = session;
    rows_.clear();
    samples_.clear();
    if (session_) {
        for (const auto &participant : session_->roster().participants())
            if (participant.role == protocol::Role::Viewer)
                rows_.push_back(participant.userId);
        connect(session_, &HostSession::viewerJoined, this,
                [this](uint16_t userId) { onJoined(userId); });
        connect(session_, &HostSession::viewerLeft, this,
                [this](uint16_t userId) { onLeft(userId); });
        connect(&session_->floor(), &FloorArbiter::holderChanged, this,
                &ParticipantsModel::refreshStates);
        connect(&session_->floor(), &FloorArbiter::queueChanged, this,
                &ParticipantsModel::refreshStates);
        sampleTimer_.start();
    } else {
        sampleTimer_.stop();
    }
    endResetModel();
}

void ParticipantsModel::onJoined(uint16_t userId)
{
    if (rowOf(userId) >= 0)
        return;
    const int row = int(rows_.size());
    beginInsertRows({}, row, row);
    rows_.push_back(userId);
    endInsertRows();
}

void ParticipantsModel::onLeft(uint16_t userId)
{
    const int row = rowOf(userId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    rows_.erase(rows_.begin() + row);
    samples_.erase(userId);
    endRemoveRows();
}

void ParticipantsModel::refreshStates()
{
    if (!rows_.empty())
        emit dataChanged(index(0, StateColumn), index(int(rows_.size()) - 1, StateColumn));
    emit statesChanged();
}

void ParticipantsModel::sample()
{
    if (!session_)
        return;
    const qint64 nowMs = clock_.elapsed();
    for (const uint16_t userId : rows_) {
        const qint64 acked = session_->broadcaster().stats(userId).bytesAcked;
        Sample &sample = samples_[userId];
        if (sample.atMs > 0 && nowMs > sample.atMs)
            sample.bytesPerSecond =
                double(acked - sample.bytesAcked) * 1000.0 / double(nowMs - sample.atMs);
        sample.bytesAcked = acked;
        sample.atMs = nowMs;
    }
    if (!rows_.empty())
        emit dataChanged(index(0, DelayColumn), index(int(rows_.size()) - 1, BandwidthColumn));
    // An offer lapses without a signal: the state column is refreshed with the samples.
    refreshStates();
}

int ParticipantsModel::rowOf(uint16_t userId) const
{
    const auto found = std::find(rows_.begin(), rows_.end(), userId);
    return found == rows_.end() ? -1 : int(found - rows_.begin());
}

ParticipantsModel::State ParticipantsModel::stateOf(uint16_t userId) const
{
    if (!session_)
        return State::Viewing;
    const FloorControl &floor = session_->floor().floor();
    if (floor.holder() == userId)
        return State::InControl;
    if (std::find(floor.queue().begin(), floor.queue().end(), userId) != floor.queue().end())
        return State::Requesting;
    if (floor.pendingOfferTo() == userId)
        return State::Offered;
    return State::Viewing;
}

double ParticipantsModel::bytesPerSecond(uint16_t userId) const
{
    const auto found = samples_.find(userId);
    return found == samples_.end() ? -1 : found->second.bytesPerSecond;
}

QString ParticipantsModel::stateName(State state)
{
    switch (state) {
    case State::Viewing:
        return tr("Viewing");
    case State::Requesting:
        return tr("Requesting control");
    case State::Offered:
        return tr("Offered control");
    case State::InControl:
        return tr("In control");
    }
    return {};
}

QString ParticipantsModel::delayText(uint16_t userId) const
{
    const Broadcaster::ViewerStats stats = session_->broadcaster().stats(userId);
    if (stats.bytesAcked == 0)
        return tr("measuring…");
    return tr("%1 ms").arg(stats.lastRoundTrip.count());
}

QString ParticipantsModel::bandwidthText(uint16_t userId) const
{
    const double rate = bytesPerSecond(userId);
    if (rate < 0)
        return tr("measuring…");
    return tr("%1/s").arg(QLocale().formattedDataSize(qint64(rate), 1, QLocale::DataSizeSIFormat));
}

int ParticipantsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

int ParticipantsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ParticipantsModel::data(const QModelIndex &index, int role) const
{
    if (!session_ || !index.isValid() || index.row() >= int(rows_.size()))
        return {};
    const uint16_t userId = rows_[std::size_t(index.row())];
    if (role == UserIdRole)
        return QVariant::fromValue<quint16>(userId);
    if (role == StateRole)
        return int(stateOf(userId));
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (Column(index.column())) {
    case NameColumn: {
        const Roster::Participant *participant = session_->roster().find(userId);
        return participant ? QString::fromStdString(participant->name) : QString();
    }
    case AddressColumn: {
        // A dual-stack listener sees IPv4 peers as ::ffff:a.b.c.d: show them as IPv4.
        const QHostAddress address = session_->viewerAddress(userId);
        bool isV4 = false;
        const quint32 v4 = address.toIPv4Address(&isV4);
        return isV4 ? QHostAddress(v4).toString() : address.toString();
    }
    case StateColumn:
        return stateName(stateOf(userId));
    case DelayColumn:
        return delayText(userId);
    case BandwidthColumn:
        return bandwidthText(userId);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ParticipantsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case NameColumn:
        return tr("Name");
    case AddressColumn:
        return tr("Address");
    case StateColumn:
        return tr("State");
    case DelayColumn:
        return tr("Delay");
    case BandwidthColumn:
        return tr("Bandwidth");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace baton::ui
