#include "core/capture/qt/QtScreenWindowSource.h"

#include "core/capture/CaptureLogging.h"

#include <QCursor>
#include <QGuiApplication>
#include <QPixmap>
#include <QScreen>
#include <QTimer>

namespace baton {

QtScreenWindowSource::QtScreenWindowSource(const WindowInfo &info, int pollIntervalMs,
                                           QObject *parent)
    : WindowSource(parent), info_(info), timer_(new QTimer(this))
{
    // No damage events: tell the consumer to look now and then; the differ decides.
    timer_->setInterval(pollIntervalMs);
    connect(timer_, &QTimer::timeout, this, &WindowSource::damaged);
}

bool QtScreenWindowSource::isSupported(QString *reason)
{
    if (qobject_cast<QGuiApplication *>(QCoreApplication::instance()) == nullptr) {
        if (reason)
            *reason = QStringLiteral("needs a QGuiApplication");
        return false;
    }
    if (QGuiApplication::primaryScreen() == nullptr) {
        if (reason)
            *reason = QStringLiteral("no screen");
        return false;
    }
    return true;
}

bool QtScreenWindowSource::start()
{
    if (!isSupported(&error_))
        return false;
    active_ = true;
    closed_ = false;
    sequence_ = 0;
    timer_->start();
    return true;
}

void QtScreenWindowSource::stop()
{
    active_ = false;
    timer_->stop();
    image_ = QImage();
}

bool QtScreenWindowSource::captureFrame(CapturedFrame &frame)
{
    if (!active_ || closed_) {
        error_ = closed_ ? QStringLiteral("window closed") : QStringLiteral("not started");
        return false;
    }
    const QPixmap pixmap = QGuiApplication::primaryScreen()->grabWindow(WId(info_.id));
    if (pixmap.isNull()) {
        // grabWindow has no other way to say that the window is gone.
        closed_ = true;
        info_.visible = false;
        error_ = QStringLiteral("window closed");
        emit windowEvent({WindowEventKind::Closed, info_.geometry});
        return false;
    }
    // RGB32 is 0xffRRGGBB per pixel: BGRA in memory on little-endian hosts.
    image_ = pixmap.toImage().convertToFormat(QImage::Format_RGB32);
    if (image_.width() != info_.geometry.width || image_.height() != info_.geometry.height) {
        info_.geometry.width = image_.width();
        info_.geometry.height = image_.height();
        if (sequence_ > 0)
            emit windowEvent({WindowEventKind::Resized, info_.geometry});
    }
    frame.pixels = FrameView(image_.constBits(), image_.width(), image_.height(),
                             int32_t(image_.bytesPerLine()));
    frame.damage = Region(frame.pixels.rect());
    frame.sequence = ++sequence_;
    return true;
}

CursorState QtScreenWindowSource::cursor()
{
    CursorState cursor;
    const QPoint position = QCursor::pos();
    cursor.x = position.x() - info_.geometry.x;
    cursor.y = position.y() - info_.geometry.y;
    cursor.visible = true;
    return cursor;
}

} // namespace baton
