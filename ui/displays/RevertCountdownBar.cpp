#include "ui/displays/RevertCountdownBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

namespace baton::ui {

RevertCountdownBar::RevertCountdownBar(QWidget *parent)
    : QFrame(parent), message_(new QLabel(this)), keep_(new QPushButton(tr("&Keep"), this)),
      revert_(new QPushButton(tr("&Revert"), this)), timer_(new QTimer(this))
{
    setObjectName(QStringLiteral("revertCountdown"));
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Keep the new display setting?"));
    message_->setObjectName(QStringLiteral("countdownMessage"));
    message_->setWordWrap(true);
    keep_->setObjectName(QStringLiteral("keepButton"));
    keep_->setAccessibleName(tr("Keep the new display setting"));
    revert_->setObjectName(QStringLiteral("revertButton"));
    revert_->setAccessibleName(tr("Go back to the previous display setting"));
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(message_, 1);
    layout->addWidget(keep_);
    layout->addWidget(revert_);
    setTabOrder(keep_, revert_);

    timer_->setInterval(1000);
    connect(timer_, &QTimer::timeout, this, &RevertCountdownBar::tick);
    connect(keep_, &QPushButton::clicked, this, [this] {
        keep_->setEnabled(false);
        revert_->setEnabled(false);
        emit keepRequested(op_);
    });
    connect(revert_, &QPushButton::clicked, this, [this] {
        keep_->setEnabled(false);
        revert_->setEnabled(false);
        emit revertRequested(op_);
    });
    hide();
}

void RevertCountdownBar::start(quint64 op, int seconds)
{
    op_ = op;
    secondsLeft_ = seconds;
    keep_->setEnabled(true);
    revert_->setEnabled(true);
    showSecondsLeft();
    timer_->start();
    show();
    keep_->setFocus(Qt::OtherFocusReason);
}

void RevertCountdownBar::finish(quint64 op)
{
    if (op != op_)
        return;
    timer_->stop();
    op_ = 0;
    hide();
}

void RevertCountdownBar::tick()
{
    if (secondsLeft_ > 0)
        --secondsLeft_;
    if (secondsLeft_ == 0) {
        timer_->stop(); // the agent is putting the old setting back; its event hides the bar
        keep_->setEnabled(false);
        revert_->setEnabled(false);
    }
    showSecondsLeft();
}

void RevertCountdownBar::showSecondsLeft()
{
    message_->setText(secondsLeft_ > 0
                          ? tr("Keep this display setting? It goes back by itself in %n second(s).", nullptr, secondsLeft_)
                          : tr("Going back to the previous setting…"));
}

} // namespace baton::ui
