#include "ViewerWidget.h"

#include "core/net/CloseInfo.h"
#include "core/viewer/ViewerSession.h"

#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace baton {
namespace {

// The arrow drawn when the host sends no pointer shape, in logical pixels.
constexpr QSizeF kArrowSize(12, 17);
// The hatch where the picture shows no shared window: darker than the margin around the
// picture, and unlike anything an application draws for itself.
constexpr QColor kUnsharedColor(0x3c, 0x3c, 0x3c);
constexpr QColor kHatchColor(0x5a, 0x5a, 0x5a);

} // namespace

ViewerWidget::ViewerWidget(ViewerSession *session, QWidget *parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAccessibleName(tr("Shared window"));
    setSession(session);
}

void ViewerWidget::setSession(ViewerSession *session)
{
    if (session_)
        session_->disconnect(this);
    session_ = session;
    message_ = tr("Joining…");
    update();
    if (!session)
        return;
    connect(session, &ViewerSession::resized, this, &ViewerWidget::onResized);
    connect(session, &ViewerSession::framePresented, this, &ViewerWidget::onFramePresented);
    connect(session, &ViewerSession::pointerChanged, this, &ViewerWidget::onPointerChanged);
    connect(session, &ViewerSession::sharedWindowsChanged, this, qOverload<>(&QWidget::update));
    connect(session, &ViewerSession::windowStateChanged, this, [this] {
        message_ =
            session_ && session_->windowHidden() ? tr("The shared window is hidden.") : QString();
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
    updateGeometry();
    update();
}

void ViewerWidget::setShowsMessages(bool shows)
{
    showsMessages_ = shows;
    update();
}

QSize ViewerWidget::sizeHint() const
{
    if (image_.isNull())
        return {640, 400};
    const QSizeF logical = QSizeF(image_.size()) / devicePixelRatioF();
    return {int(std::ceil(logical.width())), int(std::ceil(logical.height()))};
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

void ViewerWidget::onPointerChanged()
{
    // The pointer's old place gets the picture back, its new place gets the pointer.
    update(pointerDrawnAt_);
    pointerDrawnAt_ = pointerRect();
    update(pointerDrawnAt_);
}

QRectF ViewerWidget::pictureRect() const
{
    if (image_.isNull())
        return {};
    const QSizeF natural = QSizeF(image_.size()) / devicePixelRatioF();
    const QSizeF fitted = natural.scaled(QSizeF(this->size()), Qt::KeepAspectRatio);
    const bool keepNatural = scaling_ == Scaling::OneToOne ||
        (scaling_ == Scaling::ShrinkToFit && fitted.width() > natural.width());
    const QSizeF shown = keepNatural ? natural : fitted;
    // Whole logical pixels, so that at 1:1 every shared pixel lands on one device pixel.
    return {QPointF(std::floor((width() - shown.width()) / 2),
                    std::floor((height() - shown.height()) / 2)),
            shown};
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

std::optional<QPoint> ViewerWidget::toPicture(const QPointF &position, bool clamp) const
{
    const QRectF target = pictureRect();
    if (target.isEmpty())
        return std::nullopt;
    const double scale = target.width() / image_.width();
    QPoint pixel(int(std::floor((position.x() - target.x()) / scale)),
                 int(std::floor((position.y() - target.y()) / scale)));
    if (!image_.rect().contains(pixel)) {
        if (!clamp)
            return std::nullopt;
        pixel = QPoint(std::clamp(pixel.x(), 0, image_.width() - 1),
                       std::clamp(pixel.y(), 0, image_.height() - 1));
    }
    return pixel;
}

QPointF ViewerWidget::fromPicture(const QPoint &pixel) const
{
    const QRectF target = pictureRect();
    if (target.isEmpty())
        return {};
    const double scale = target.width() / image_.width();
    return {target.x() + pixel.x() * scale, target.y() + pixel.y() * scale};
}

QRect ViewerWidget::pointerRect() const
{
    if (!session_ || image_.isNull() || !message_.isEmpty() || !session_->pointer().visible)
        return {};
    const ViewerSession::Pointer &pointer = session_->pointer();
    const QRectF target = pictureRect();
    const double scale = target.width() / image_.width();
    const QPointF at(target.x() + pointer.x * scale, target.y() + pointer.y * scale);
    if (pointer.image.isNull())
        return QRectF(at, kArrowSize).toAlignedRect().adjusted(-2, -2, 2, 2);
    return QRectF(at - QPointF(pointer.hotX, pointer.hotY) * scale,
                  QSizeF(pointer.image.width(), pointer.image.height()) * scale)
        .toAlignedRect()
        .adjusted(-1, -1, 1, 1);
}

void ViewerWidget::drawPointer(QPainter &painter, const QRectF &target) const
{
    const ViewerSession::Pointer &pointer = session_->pointer();
    const double scale = target.width() / image_.width();
    const QPointF at(target.x() + pointer.x * scale, target.y() + pointer.y * scale);
    if (!pointer.image.isNull()) {
        // The host's pointer shape is in the shared window's pixels: scaled like the picture.
        const QImage cursor(pointer.image.data(), pointer.image.width(), pointer.image.height(),
                            pointer.image.strideBytes(), QImage::Format_ARGB32_Premultiplied);
        painter.drawImage(
            QRectF(at - QPointF(pointer.hotX, pointer.hotY) * scale, QSizeF(cursor.size()) * scale),
            cursor);
        return;
    }
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

QRegion ViewerWidget::unsharedRegion() const
{
    // Before the host's first window list nothing is known: the picture shows as it is.
    if (!session_ || image_.isNull() || session_->sharedWindows().empty())
        return {};
    QRegion unshared(image_.rect());
    for (const SharedWindow &window : session_->sharedWindows())
        unshared -= QRect(window.rect.x, window.rect.y, window.rect.width, window.rect.height);
    return unshared;
}

void ViewerWidget::paintUnshared(QPainter &painter, const QRectF &target) const
{
    const QRegion unshared = unsharedRegion();
    if (unshared.isEmpty())
        return;
    // The clip is set in the picture's pixels and kept in the device's, so its edges fall
    // where the picture's do at any scale; the hatch itself is not scaled.
    const double scale = target.width() / image_.width();
    painter.save();
    painter.translate(target.topLeft());
    painter.scale(scale, scale);
    painter.setClipRegion(unshared);
    painter.resetTransform();
    painter.fillRect(target, kUnsharedColor);
    painter.fillRect(target, QBrush(kHatchColor, Qt::BDiagPattern));
    painter.restore();
}

void ViewerWidget::paintEvent(QPaintEvent *event)
{
    QPainter painter(this);
    painter.fillRect(event->rect(), palette().color(QPalette::Window).darker(130));
    const QRectF target = pictureRect();
    if (!image_.isNull()) {
        painter.setRenderHint(QPainter::SmoothPixmapTransform,
                              target.width() * devicePixelRatioF() < image_.width());
        painter.drawImage(target, image_);
        paintUnshared(painter, target);
    }
    pointerDrawnAt_ = pointerRect();
    if (!pointerDrawnAt_.isEmpty())
        drawPointer(painter, target);
    if (!message_.isEmpty()) {
        painter.fillRect(rect(), QColor(0, 0, 0, image_.isNull() ? 255 : 160));
        if (!showsMessages_)
            return;
        painter.setPen(Qt::white);
        QFont font = painter.font();
        font.setPointSizeF(font.pointSizeF() * 1.3);
        painter.setFont(font);
        painter.drawText(rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap,
                         message_);
    }
}

} // namespace baton
