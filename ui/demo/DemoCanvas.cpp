#include "ui/demo/DemoCanvas.h"

#include <QMouseEvent>
#include <QPainter>
#include <QRandomGenerator>

namespace baton::demo {

DemoCanvas::DemoCanvas(quint32 seed, QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("demoCanvas"));
    setAccessibleName(tr("Drawing canvas"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    QRandomGenerator rng(seed ^ 0x5bd1e995u);
    for (int s = 0; s < 4; ++s) {
        Stroke stroke{QColor::fromHsv(static_cast<int>(rng.bounded(360)), 200, 200), {}};
        QPoint p(static_cast<int>(rng.bounded(300)) + 10, static_cast<int>(rng.bounded(180)) + 10);
        for (int i = 0; i < 12; ++i) {
            stroke.points << p;
            p += QPoint(static_cast<int>(rng.bounded(41)) - 20,
                        static_cast<int>(rng.bounded(41)) - 20);
        }
        strokes_.push_back(stroke);
    }
}

void DemoCanvas::clear()
{
    strokes_.clear();
    update();
}

void DemoCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), Qt::white);
    painter.setRenderHint(QPainter::Antialiasing);
    for (const Stroke &stroke : strokes_) {
        painter.setPen(QPen(stroke.color, 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPolyline(stroke.points);
    }
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(rect().adjusted(0, 0, -1, -1));
}

void DemoCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const int hue = (strokeCount() * 47) % 360;
    strokes_.push_back({QColor::fromHsv(hue, 220, 180), QPolygon{event->position().toPoint()}});
    drawing_ = true;
    update();
}

void DemoCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (!drawing_ || !(event->buttons() & Qt::LeftButton))
        return;
    strokes_.back().points << event->position().toPoint();
    update();
}

} // namespace baton::demo
