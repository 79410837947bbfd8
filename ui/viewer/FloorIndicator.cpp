#include "FloorIndicator.h"

#include <QEvent>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace baton::ui {
namespace {

constexpr int kBorderPx = 3;

} // namespace

FloorIndicator::FloorIndicator(QWidget *content, QWidget *parent)
    : QFrame(parent), chip_(new QLabel(this))
{
    chip_->setText(tr("You are in control: your keyboard and mouse go to the shared window"));
    chip_->setAccessibleName(tr("You are in control"));
    chip_->setAlignment(Qt::AlignCenter);
    chip_->setMargin(4);
    chip_->setAutoFillBackground(true);
    chip_->hide();
    applyChipColours();

    // The border's room is always kept, so gaining control does not move the picture.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(kBorderPx, kBorderPx, kBorderPx, kBorderPx);
    layout->setSpacing(0);
    layout->addWidget(chip_);
    layout->addWidget(content, 1);
}

void FloorIndicator::setActive(bool active)
{
    if (active == active_)
        return;
    active_ = active;
    chip_->setVisible(active);
    update();
}

void FloorIndicator::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    if (!active_)
        return;
    QPainter painter(this);
    QPen pen(palette().color(QPalette::Highlight), kBorderPx);
    pen.setJoinStyle(Qt::MiterJoin);
    painter.setPen(pen);
    const double inset = kBorderPx / 2.0;
    painter.drawRect(QRectF(rect()).adjusted(inset, inset, -inset, -inset));
}

void FloorIndicator::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyChipColours();
}

void FloorIndicator::applyChipColours()
{
    // The system's selection colours: visible in light and dark themes alike.
    QPalette colours = chip_->palette();
    colours.setColor(QPalette::Window, palette().color(QPalette::Highlight));
    colours.setColor(QPalette::WindowText, palette().color(QPalette::HighlightedText));
    chip_->setPalette(colours);
}

} // namespace baton::ui
