#pragma once

#include "core/display/DisplayTypes.h"

#include <QObject>

#include <map>
#include <memory>

class QTimer;

namespace baton::issd {

// Numbers asynchronous operations (202 OK op=<n>) and keeps the layout changes made
// with revert=<s>: unless CONFIRM <n> arrives within s seconds, revertDue() asks the
// agent to put the previous layout back. Timers run on the agent's event loop.
class IssdOperations : public QObject {
    Q_OBJECT
public:
    static constexpr int kMinRevertSeconds = 5;
    static constexpr int kMaxRevertSeconds = 120;

    using QObject::QObject;
    ~IssdOperations() override;

    quint64 next() { return ++lastOp_; }
    void expectConfirm(quint64 op, const display::DisplayInfo &display,
                       const display::DisplayLayout &previous, int seconds);
    // True when the operation was waiting and is now kept.
    bool confirm(quint64 op);
    bool isPending(quint64 op) const { return pending_.count(op) != 0; }
    // A newer layout change on a display with pending reverts takes them over: they
    // end (listed in *superseded) and the layout from before the oldest of them is
    // returned, so that reverting the newer change undoes every unconfirmed one.
    std::optional<display::DisplayLayout> supersede(const QString &displayId,
                                                    QList<quint64> *superseded);

signals:
    void revertDue(quint64 op, const baton::display::DisplayInfo &display,
                   const baton::display::DisplayLayout &previous);

private:
    struct Pending {
        display::DisplayInfo display;
        display::DisplayLayout previous;
        std::unique_ptr<QTimer> timer;
    };
    quint64 lastOp_ = 0;
    std::map<quint64, Pending> pending_;
};

} // namespace baton::issd
