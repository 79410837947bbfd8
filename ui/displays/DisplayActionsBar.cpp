#include "ui/displays/DisplayActionsBar.h"

#include <QGridLayout>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>

namespace baton::ui {

DisplayActionsBar::DisplayActionsBar(QWidget *parent)
    : QWidget(parent), identify_(new QPushButton(tr("&Identify"), this)),
      snapshot_(new QPushButton(tr("S&napshot"), this)), showShare_(new QPushButton(tr("S&how my share here"), this)),
      takeOff_(new QPushButton(tr("&Take it off"), this)), preview_(new QLabel(this))
{
    identify_->setObjectName(QStringLiteral("identifyButton"));
    identify_->setAccessibleName(tr("Show the display's number on it"));
    snapshot_->setObjectName(QStringLiteral("snapshotButton"));
    snapshot_->setAccessibleName(tr("Take a snapshot of what the display shows"));
    showShare_->setObjectName(QStringLiteral("showShareButton"));
    showShare_->setAccessibleName(tr("Show my share on this display"));
    takeOff_->setObjectName(QStringLiteral("takeOffButton"));
    takeOff_->setAccessibleName(tr("Take the share off this display"));
    preview_->setObjectName(QStringLiteral("snapshotPreview"));
    preview_->setAccessibleName(tr("Snapshot of the display"));
    preview_->setAlignment(Qt::AlignCenter);
    preview_->setMinimumSize(kPreviewWidthPx / 2, kPreviewHeightPx / 2);
    preview_->setFrameShape(QFrame::StyledPanel);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(identify_, 0, 0);
    layout->addWidget(snapshot_, 0, 1);
    layout->addWidget(showShare_, 1, 0);
    layout->addWidget(takeOff_, 1, 1);
    layout->addWidget(preview_, 2, 0, 1, 2);
    setTabOrder(identify_, snapshot_);
    setTabOrder(snapshot_, showShare_);
    setTabOrder(showShare_, takeOff_);

    connect(identify_, &QPushButton::clicked, this, &DisplayActionsBar::identifyRequested);
    connect(snapshot_, &QPushButton::clicked, this, &DisplayActionsBar::snapshotRequested);
    connect(showShare_, &QPushButton::clicked, this, &DisplayActionsBar::showShareRequested);
    connect(takeOff_, &QPushButton::clicked, this, &DisplayActionsBar::takeOffRequested);
    clearSnapshot();
    setAvailable(false, false, false);
}

void DisplayActionsBar::setAvailable(bool displaySelected, bool canShare, bool hasShare)
{
    identify_->setEnabled(displaySelected);
    snapshot_->setEnabled(displaySelected);
    showShare_->setEnabled(displaySelected && canShare && hasShare);
    takeOff_->setEnabled(displaySelected && canShare);
    const QString whyNotShare = !canShare   ? tr("This agent cannot show shares (it runs without a desktop).")
                                : !hasShare ? tr("Start sharing first.")
                                            : QString();
    showShare_->setToolTip(whyNotShare);
    showShare_->setAccessibleDescription(whyNotShare);
}

void DisplayActionsBar::showSnapshot(const QImage &image)
{
    // Fitted into the preview, never enlarged: the agent already sent at most this size.
    const QSize fitted = image.size().scaled(QSize(kPreviewWidthPx, kPreviewHeightPx), Qt::KeepAspectRatio)
                             .boundedTo(image.size());
    preview_->setPixmap(QPixmap::fromImage(image.scaled(fitted, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

void DisplayActionsBar::clearSnapshot()
{
    preview_->setPixmap(QPixmap());
    preview_->setText(tr("No snapshot yet."));
}

} // namespace baton::ui
