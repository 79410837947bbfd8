#include "ui/capture/WidgetWindowSource.h"

#include <QChildEvent>
#include <QCoreApplication>
#include <QCursor>
#include <QPaintEvent>
#include <QPixmap>

namespace baton {
namespace {

Rect toRect(const QRect &r)
{
    return {r.x(), r.y(), r.width(), r.height()};
}

Region toRegion(const QRegion &region)
{
    std::vector<Rect> rects;
    for (const QRect &r : region)
        rects.push_back(toRect(r));
    return Region::fromRects(rects);
}

} // namespace

WidgetWindowSource::WidgetWindowSource(QWidget *widget, QObject *parent)
    : WindowSource(parent), widget_(widget)
{
}

WidgetWindowSource::~WidgetWindowSource()
{
    stop();
}

bool WidgetWindowSource::start()
{
    if (active_)
        return true;
    if (!widget_) {
        error_ = QStringLiteral("window closed");
        return false;
    }
    active_ = true;
    closed_ = false;
    sequence_ = 0;
    image_ = QImage();
    watch(widget_);
    connect(widget_, &QObject::destroyed, this, [this] {
        closed_ = true;
        error_ = QStringLiteral("window closed");
        emit windowEvent({WindowEventKind::Closed, {}});
    });
    return true;
}

void WidgetWindowSource::stop()
{
    if (!active_)
        return;
    active_ = false;
    if (widget_) {
        unwatch(widget_);
        disconnect(widget_, nullptr, this, nullptr);
    }
    image_ = QImage();
}

void WidgetWindowSource::watch(QWidget *widget)
{
    widget->installEventFilter(this);
    for (QWidget *child : widget->findChildren<QWidget *>())
        child->installEventFilter(this);
}

void WidgetWindowSource::unwatch(QWidget *widget)
{
    widget->removeEventFilter(this);
    for (QWidget *child : widget->findChildren<QWidget *>())
        child->removeEventFilter(this);
}

WindowInfo WidgetWindowSource::window() const
{
    WindowInfo info;
    if (!widget_)
        return info;
    info.id = widget_->internalWinId();
    info.title = widget_->windowTitle();
    info.className = QStringLiteral("Baton");
    info.pid = QCoreApplication::applicationPid();
    info.geometry = toRect(widget_->geometry());
    info.visible = widget_->isVisible();
    return info;
}

void WidgetWindowSource::addDamage(const QRegion &region)
{
    if (region.isEmpty())
        return;
    pendingDamage_ += region;
    emit damaged();
}

bool WidgetWindowSource::eventFilter(QObject *watched, QEvent *event)
{
    if (!active_ || !widget_)
        return false;
    auto *target = qobject_cast<QWidget *>(watched);
    switch (event->type()) {
    case QEvent::Paint:
        // render() below paints too; those paints are ours, not the application's.
        if (!rendering_ && target) {
            const QPoint offset = target == widget_ ? QPoint() : target->mapTo(widget_, QPoint());
            addDamage(static_cast<QPaintEvent *>(event)->region().translated(offset));
        }
        break;
    case QEvent::ChildAdded:
        if (auto *child = qobject_cast<QWidget *>(static_cast<QChildEvent *>(event)->child()))
            watch(child);
        break;
    case QEvent::Move:
        if (target == widget_)
            emitEvent(WindowEventKind::Moved);
        break;
    case QEvent::Resize:
        if (target == widget_) {
            emitEvent(WindowEventKind::Resized);
            addDamage(widget_->rect());
        }
        break;
    case QEvent::Hide:
        if (target == widget_)
            emitEvent(WindowEventKind::Hidden);
        break;
    case QEvent::Show:
        if (target == widget_) {
            emitEvent(WindowEventKind::Shown);
            addDamage(widget_->rect());
        }
        break;
    default:
        break;
    }
    return false;
}

void WidgetWindowSource::emitEvent(WindowEventKind kind)
{
    emit windowEvent({kind, toRect(widget_->geometry())});
}

bool WidgetWindowSource::captureFrame(CapturedFrame &frame)
{
    if (!active_ || closed_ || !widget_) {
        error_ =
            closed_ || !widget_ ? QStringLiteral("window closed") : QStringLiteral("not started");
        return false;
    }
    if (!widget_->isVisible()) {
        error_ = QStringLiteral("window hidden");
        return false;
    }
    const QSize size = widget_->size();
    if (size.isEmpty() || !Frame::isValidSize(size.width(), size.height())) {
        error_ = QStringLiteral("window has no valid size");
        return false;
    }
    QRegion damage = pendingDamage_ & QRegion(widget_->rect());
    if (image_.size() != size) {
        // RGB32 is 0xffRRGGBB: BGRA in memory, the Frame layout.
        image_ = QImage(size, QImage::Format_RGB32);
        damage = widget_->rect();
    }
    pendingDamage_ = QRegion();
    if (!damage.isEmpty()) {
        rendering_ = true;
        widget_->render(&image_, damage.boundingRect().topLeft(), damage,
                        QWidget::DrawWindowBackground | QWidget::DrawChildren);
        rendering_ = false;
    }
    frame.pixels = FrameView(image_.constBits(), image_.width(), image_.height(),
                             int32_t(image_.bytesPerLine()));
    frame.damage = toRegion(damage);
    frame.sequence = ++sequence_;
    error_.clear();
    return true;
}

CursorState WidgetWindowSource::cursor()
{
    CursorState cursor;
    if (!widget_)
        return cursor;
    const QPoint position = widget_->mapFromGlobal(QCursor::pos());
    cursor.x = position.x();
    cursor.y = position.y();
    cursor.visible = widget_->isVisible();
    // Only bitmap cursors have an image Qt can hand out; for shaped ones a viewer draws
    // its own arrow.
    const QPixmap pixmap = widget_->cursor().pixmap();
    if (!pixmap.isNull()) {
        const QImage image = pixmap.toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied);
        cursor.image = Frame::copyOf(FrameView(image.constBits(), image.width(), image.height(),
                                               int32_t(image.bytesPerLine())));
        cursor.hotX = widget_->cursor().hotSpot().x();
        cursor.hotY = widget_->cursor().hotSpot().y();
        cursor.serial = uint64_t(pixmap.cacheKey());
    }
    return cursor;
}

} // namespace baton
