#pragma once

#include "core/session/HostSession.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include <map>
#include <vector>

namespace baton::ui {

// The viewers of a running share, one row each: name, address, what they are doing with
// the floor, and the quality of their link, measured by the session's broadcaster from
// their acknowledgements (round trip of the newest acknowledged update; bytes they
// acknowledged per second, sampled every second). Follows the session live.
class ParticipantsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        AddressColumn,
        StateColumn,
        DelayColumn,
        BandwidthColumn,
        ColumnCount
    };
    enum class State { Viewing, Requesting, Offered, InControl };
    enum Role {
        UserIdRole = Qt::UserRole + 1, // quint16, any column
        StateRole, // int(State), any column
    };
    static constexpr int kSampleIntervalMs = 1000;

    explicit ParticipantsModel(QObject *parent = nullptr);

    // Null: no share, no rows. The session must outlive the model or be reset first.
    void setSession(HostSession *session);
    HostSession *session() const { return session_; }

    uint16_t userIdAt(int row) const { return rows_.at(std::size_t(row)); }
    int rowOf(uint16_t userId) const;
    State stateOf(uint16_t userId) const;
    // Bytes per second the viewer acknowledged over the last sample; negative before
    // the first sample.
    double bytesPerSecond(uint16_t userId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString stateName(State state);

signals:
    // The floor moved or the queue changed: the state column was refreshed.
    void statesChanged();

private:
    struct Sample {
        qint64 bytesAcked = 0;
        qint64 atMs = 0;
        double bytesPerSecond = -1;
    };

    void onJoined(uint16_t userId);
    void onLeft(uint16_t userId);
    void refreshStates();
    void sample();
    QString delayText(uint16_t userId) const;
    QString bandwidthText(uint16_t userId) const;

    QPointer<HostSession> session_;
    std::vector<uint16_t> rows_;
    std::map<uint16_t, Sample> samples_;
    QElapsedTimer clock_;
    QTimer sampleTimer_;
};

} // namespace baton::ui
