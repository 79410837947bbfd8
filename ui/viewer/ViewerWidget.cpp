#include "ViewerWidget.h"

#include "core/net/CloseInfo.h"
#include "core/viewer/ViewerSession.h"

#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>

#include <cstring>

namespace baton {

ViewerWidget::ViewerWidget(ViewerSession *session, QWidget *parent)
    : QWidget(parent), session_(session), message_(tr("Joining…"))
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAccessibleName(tr("Shared window"));
    connect(session, &ViewerSession::resized, this, &ViewerWidget::onResized);
    connect(session, &ViewerSession::framePresented, this, &ViewerWidget::onFramePresented);
    connect(session, &ViewerSession::pointerChanged, this, qOverload<>(&QWidget::update));
    connect(session, &ViewerSession::windowStateChanged, this, [this] {
        message_ = session_ && session_->windowHidden() ? tr("The shared window is hidden.") : QString();
        update();
    });
    connect(session, &ViewerSession::ended, this, [this](const net::CloseInfo &info) {
        message_ = info.text();
        update();
    });
}

void ViewerWidget::setScaling(Scaling scaling)
{
    scaling_ = scaling;
    update();
}

QSize ViewerWidget::sizeHint() const
{
    return image_.isNull() ? QSize(640, 400) : image_.size();
}

void ViewerWidget::onResized(int width, int height)
{
    image_ = QImage(width, height, QImage::Format_RGB32);
    image_.fill(Qt::black);
    message_.clear();
    updateGeometry();
    update();
}

void ViewerWidget::onFramePresented(const Region &damage)
{
    if (!session_)
        return;
    const Frame &frame = session_->framebuffer();
    if (frame.isNull() || image_.size() != QSize(frame.width(), frame.height()))
        return;
    // Copy only the changed rows' spans: the framebuffer and the image are both BGRA.
    for (const Rect &rect : damage.rects()) {
        for (int32_t y = rect.y; y < rect.bottom(); ++y)
            std::memcpy(image_.scanLine(y) + size_t(rect.x) * 4,
                        frame.data() + size_t(y) * size_t(frame.strideBytes()) + size_t(rect.x) * 4,
                        size_t(rect.width) * 4);
        update(toWidget(QRect(rect.x, rect.y, rect.width, rect.height)));
    }
}

QRectF ViewerWidget::pictureRect() const
{
    if (image_.isNull())
        return {};
    const QSizeF size = QSizeF(image_.size()).scaled(QSizeF(this->size()), Qt::KeepAspectRatio);
    const bool natural = scaling_ == Scaling::OneToOne ||
        (scaling_ == Scaling::ShrinkToFit && size.width() > image_.width());
    const QSizeF shown = natural ? QSizeF(image_.size()) : size;
    return {QPointF((width() - shown.width()) / 2, (height() - shown.height()) / 2), shown};
}

QRect ViewerWidget::toWidget(const QRect &picture) const
{
    const QRectF target = pictureRect();
    if (target.isEmpty())
        return rect();
    const double scale = target.width() / image_.width();
    return QRectF(target.x() + picture.x() * scale, target.y() + picture.y() * scale,
                  picture.width() * scale, picture.height() * scale)
        .toAlignedRect()
        .adjusted(-1, -1, 1, 1);
}

void ViewerWidget::paintEvent(QPaintEvent *event)
{
    QPainter painter(this);
    painter.fillRect(event->rect(), palette().color(QPalette::Window).darker(130));
    const QRectF target = pictureRect();
    if (!image_.isNull()) {
        painter.setRenderHint(QPainter::SmoothPixmapTransform, target.width() < image_.width());
        painter.drawImage(target, image_);
    }
    if (session_ && !image_.isNull() && message_.isEmpty()) {
        const ViewerSession::Pointer &pointer = session_->pointer();
        if (pointer.visible) {
            const double scale = target.width() / image_.width();
            const QPointF at(target.x() + pointer.x * scale, target.y() + pointer.y * scale);
            if (!pointer.image.isNull()) {
                const QImage cursor(pointer.image.data(), pointer.image.width(), pointer.image.height(),
                                    pointer.image.strideBytes(), QImage::Format_ARGB32_Premultiplied);
                painter.drawImage(at - QPointF(pointer.hotX, pointer.hotY), cursor);
            } else {
                QPainterPath arrow;
                arrow.moveTo(at);
                arrow.lineTo(at + QPointF(0, 16));
                arrow.lineTo(at + QPointF(4, 12));
                arrow.lineTo(at + QPointF(11, 12));
                arrow.closeSubpath();
                painter.setRenderHint(QPainter::Antialiasing);
                painter.setPen(QPen(Qt::white, 1));
                painter.setBrush(Qt::black);
                painter.drawPath(arrow);
            }
        }
    }
    if (!message_.isEmpty()) {
        painter.fillRect(rect(), QColor(0, 0, 0, image_.isNull() ? 255 : 160));
        painter.setPen(Qt::white);
        QFont font = painter.font();
        font.setPointSizeF(font.pointSizeF() * 1.3);
        painter.setFont(font);
        painter.drawText(rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, message_);
    }
}

} // namespace baton
