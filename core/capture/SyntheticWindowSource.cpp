#include "core/capture/SyntheticWindowSource.h"

#include <QTimer>

namespace baton {

SyntheticWindowSource::SyntheticWindowSource(SyntheticSceneKind kind, int32_t width, int32_t height,
                                             uint32_t seed, int frameIntervalMs, QObject *parent)
    : WindowSource(parent), scene_(kind, width, height, seed)
{
    if (frameIntervalMs > 0) {
        timer_ = new QTimer(this);
        timer_->setInterval(frameIntervalMs);
        connect(timer_, &QTimer::timeout, this, &WindowSource::damaged);
    }
}

bool SyntheticWindowSource::start()
{
    if (!active_) {
        active_ = true;
        firstFrame_ = true;
        sequence_ = 0;
        if (timer_)
            timer_->start();
    }
    return true;
}

void SyntheticWindowSource::stop()
{
    active_ = false;
    if (timer_)
        timer_->stop();
}

WindowInfo SyntheticWindowSource::window() const
{
    WindowInfo info;
    info.id = 1;
    info.title = QStringLiteral("Synthetic scene");
    info.className = QStringLiteral("Baton");
    info.geometry = scene_.frame().rect();
    info.visible = active_;
    return info;
}

bool SyntheticWindowSource::captureFrame(CapturedFrame &frame)
{
    if (!active_) {
        error_ = QStringLiteral("not started");
        return false;
    }
    // The first capture shows the scene as it starts; each later one is one step on.
    frame.damage = firstFrame_ ? Region(scene_.frame().rect()) : scene_.step();
    firstFrame_ = false;
    frame.pixels = scene_.frame().view();
    frame.sequence = ++sequence_;
    return true;
}

CursorState SyntheticWindowSource::cursor()
{
    CursorState cursor;
    cursor.x = scene_.frame().width() / 2;
    cursor.y = scene_.frame().height() / 2;
    cursor.visible = true;
    return cursor;
}

} // namespace baton
