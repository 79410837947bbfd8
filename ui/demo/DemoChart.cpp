#include "ui/demo/DemoChart.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace baton::demo {

DemoChart::DemoChart(quint32 seed, QWidget *parent) : QWidget(parent), rng_(seed ^ 0x27d4eb2du)
{
    setObjectName(QStringLiteral("demoChart"));
    setAccessibleName(tr("Live chart"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    samples_.assign(kSamples, 0.5);
    for (int i = 0; i < kSamples; ++i)
        advance();
    frame_ = 0;
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(kFrameIntervalMs);
    connect(&timer_, &QTimer::timeout, this, &DemoChart::advance);
}

void DemoChart::setRunning(bool running)
{
    if (running)
        timer_.start();
    else
        timer_.stop();
}

void DemoChart::advance()
{
    const double step = (rng_.generateDouble() - 0.5) * 0.12;
    const double next = std::clamp(samples_.back() + step, 0.05, 0.95);
    samples_.pop_front();
    samples_.push_back(next);
    ++frame_;
    update();
}

void DemoChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRectF area = rect();
    painter.fillRect(area, QColor(0x1e, 0x24, 0x2c));

    painter.setPen(QColor(0x3a, 0x44, 0x50));
    for (int i = 1; i < 4; ++i) {
        const double y = area.height() * i / 4.0;
        painter.drawLine(QPointF(0, y), QPointF(area.width(), y));
    }

    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath line;
    const double dx = area.width() / (kSamples - 1);
    for (int i = 0; i < kSamples; ++i) {
        const QPointF p(i * dx, area.height() * (1.0 - samples_[static_cast<std::size_t>(i)]));
        if (i == 0)
            line.moveTo(p);
        else
            line.lineTo(p);
    }
    QPainterPath fill = line;
    fill.lineTo(area.width(), area.height());
    fill.lineTo(0, area.height());
    fill.closeSubpath();
    painter.fillPath(fill, QColor(0x4c, 0xaf, 0x50, 90));
    painter.setPen(QPen(QColor(0x8b, 0xe0, 0x8e), 2));
    painter.drawPath(line);

    painter.setPen(Qt::white);
    painter.drawText(area.adjusted(8, 4, -8, -4), Qt::AlignTop | Qt::AlignLeft,
                     tr("frame %1").arg(frame_));
}

} // namespace baton::demo
