#include "TranslucentWindow.h"

#include <QPainter>

namespace baton::sharedapp {
namespace {

constexpr int kBandWidthPx = 80;
constexpr int kBands = 4;
constexpr int kHeightPx = 200;

} // namespace

TranslucentWindow::TranslucentWindow(QWidget *parent)
    : QWidget(parent, Qt::Window | Qt::FramelessWindowHint)
{
    setAttribute(Qt::WA_TranslucentBackground);
    resize(kBandWidthPx * kBands, kHeightPx);
}

void TranslucentWindow::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    // Source, not SourceOver: these are the window's pixels, alpha and all, not colours
    // laid over what the backing store held before.
    painter.setCompositionMode(QPainter::CompositionMode_Source);
    const QColor bands[kBands] = {Qt::transparent, QColor(255, 0, 0, 128), QColor(0, 255, 0, 64),
                                  QColor(0, 0, 255)};
    for (int i = 0; i < kBands; ++i)
        painter.fillRect(i * kBandWidthPx, 0, kBandWidthPx, height(), bands[i]);
}

} // namespace baton::sharedapp
