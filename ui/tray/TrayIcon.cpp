#include "TrayIcon.h"

#include <QAction>
#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>

namespace baton::ui {
namespace {

constexpr int kIconSizePx = 64;

} // namespace

TrayIcon::TrayIcon(const QIcon &icon, QObject *parent)
    : QObject(parent),
      idle_(icon),
      current_(icon),
      menu_(new QMenu),
      show_(menu_->addAction(tr("Show &Baton"))),
      stopSharing_(menu_->addAction(tr("&Stop sharing"))),
      takeBack_(menu_->addAction(tr("&Take control back")))
{
    menu_->addSeparator();
    quit_ = menu_->addAction(tr("&Quit"));
    connect(show_, &QAction::triggered, this, &TrayIcon::showRequested);
    connect(stopSharing_, &QAction::triggered, this, &TrayIcon::stopSharingRequested);
    connect(takeBack_, &QAction::triggered, this, &TrayIcon::takeBackRequested);
    connect(quit_, &QAction::triggered, this, &TrayIcon::quitRequested);
    setSharing(false, {});

    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    tray_ = new QSystemTrayIcon(current_, this);
    tray_->setToolTip(toolTip_);
    tray_->setContextMenu(menu_);
    connect(tray_, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    emit showRequested();
            });
    tray_->show();
}

// The menu has no parent (QSystemTrayIcon wants a top-level one), so it is ours to delete.
TrayIcon::~TrayIcon()
{
    delete menu_;
}

bool TrayIcon::isVisible() const
{
    return tray_ && tray_->isVisible();
}

void TrayIcon::setSharing(bool sharing, const QString &windowTitle)
{
    current_ = sharing ? sharingIcon() : idle_;
    toolTip_ = sharing ? tr("Baton: sharing “%1”").arg(windowTitle) : tr("Baton: not sharing");
    stopSharing_->setEnabled(sharing);
    takeBack_->setEnabled(sharing);
    if (tray_) {
        tray_->setIcon(current_);
        tray_->setToolTip(toolTip_);
    }
}

void TrayIcon::notify(const QString &title, const QString &text)
{
    if (tray_)
        tray_->showMessage(title, text, current_);
}

QIcon TrayIcon::sharingIcon() const
{
    // The application icon with a red "on air" dot, readable at tray sizes on any panel.
    QPixmap pixmap = idle_.pixmap(kIconSizePx, kIconSizePx);
    if (pixmap.isNull()) {
        pixmap = QPixmap(kIconSizePx, kIconSizePx);
        pixmap.fill(Qt::transparent);
    }
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal dot = pixmap.width() * 0.45;
    const QRectF circle(pixmap.width() - dot - 1, pixmap.height() - dot - 1, dot, dot);
    painter.setPen(QPen(Qt::white, pixmap.width() / 24.0));
    painter.setBrush(QColor(0xd7, 0x26, 0x1e));
    painter.drawEllipse(circle);
    return QIcon(pixmap);
}

} // namespace baton::ui
