#pragma once

#include <QObject>

namespace baton::cli {

// Turns SIGINT and SIGTERM (stop) and SIGUSR1 (the host's panic signal: revoke the
// floor) into Qt signals on the event loop, through a self-pipe, the only
// async-signal-safe way, so a command can act politely.
class SignalNotifier : public QObject {
    Q_OBJECT
public:
    explicit SignalNotifier(QObject *parent = nullptr);
    ~SignalNotifier() override;

signals:
    void stopRequested(int signalNumber);
    void user1();
};

} // namespace baton::cli
