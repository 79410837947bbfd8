#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QTimer;

namespace baton::ui {

// Shown after a mode or rotation change: the agent puts the old setting back unless
// the person keeps the new one in time (so a change that left the room screen black
// undoes itself). Counts the seconds down; Keep and Revert say what the person chose.
// The agent's own timer decides: the bar goes away when the agent reports the end of
// the operation (finish()), not when its count reaches zero.
class RevertCountdownBar : public QFrame {
    Q_OBJECT
public:
    explicit RevertCountdownBar(QWidget *parent = nullptr);

    void start(quint64 op, int seconds);
    // The operation ended (kept, reverted or superseded): hides the bar if it is its own.
    void finish(quint64 op);
    quint64 operation() const { return op_; }
    int secondsLeft() const { return secondsLeft_; }

signals:
    void keepRequested(quint64 op);
    void revertRequested(quint64 op);

private:
    void tick();
    void showSecondsLeft();

    QLabel *message_;
    QPushButton *keep_;
    QPushButton *revert_;
    QTimer *timer_;
    quint64 op_ = 0;
    int secondsLeft_ = 0;
};

} // namespace baton::ui
