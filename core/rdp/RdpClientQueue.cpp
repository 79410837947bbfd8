#include "core/rdp/RdpClientQueue.h"

#include <new>
#include <winpr/handle.h>
#include <winpr/synch.h>

namespace baton::rdp {

RdpClientQueue::RdpClientQueue()
    : wakeEvent_(CreateEvent(nullptr, TRUE, FALSE, nullptr)),
      endEvent_(CreateEvent(nullptr, TRUE, FALSE, nullptr))
{
    if (!wakeEvent_ || !endEvent_) {
        CloseHandle(wakeEvent_);
        CloseHandle(endEvent_);
        throw std::bad_alloc();
    }
}

RdpClientQueue::~RdpClientQueue()
{
    CloseHandle(wakeEvent_);
    CloseHandle(endEvent_);
}

bool RdpClientQueue::pushPicture(RdpPictureUpdatePtr update)
{
    const std::lock_guard lock(mutex_);
    if (dropped_ || pictureBytes_ + update->bytes > kMaxBytes ||
        int(pictures_.size()) >= kMaxUpdates) {
        pictures_.clear();
        pictureBytes_ = 0;
        dropped_ = true;
        return false;
    }
    pictureBytes_ += update->bytes;
    pictures_.push_back(std::move(update));
    SetEvent(wakeEvent_);
    return true;
}

void RdpClientQueue::replacePictures(RdpPictureUpdatePtr update)
{
    const std::lock_guard lock(mutex_);
    pictures_.clear();
    dropped_ = false;
    pictureBytes_ = update->bytes;
    pictures_.push_back(std::move(update));
    SetEvent(wakeEvent_);
}

void RdpClientQueue::setPointerLook(RdpPointerLookPtr look)
{
    const std::lock_guard lock(mutex_);
    pointerLook_ = std::move(look);
    SetEvent(wakeEvent_);
}

void RdpClientQueue::setPointerPosition(QPoint position)
{
    const std::lock_guard lock(mutex_);
    pointerPosition_ = position;
    SetEvent(wakeEvent_);
}

void RdpClientQueue::end(const QString &reason, uint32_t errorInfo)
{
    const std::lock_guard lock(mutex_);
    if (end_ || endTaken_)
        return;
    end_ = End{reason, errorInfo};
    SetEvent(endEvent_);
}

RdpPictureUpdatePtr RdpClientQueue::takePicture()
{
    const std::lock_guard lock(mutex_);
    if (pictures_.empty())
        return nullptr;
    RdpPictureUpdatePtr update = std::move(pictures_.front());
    pictures_.pop_front();
    pictureBytes_ -= update->bytes;
    return update;
}

RdpPointerLookPtr RdpClientQueue::takePointerLook()
{
    const std::lock_guard lock(mutex_);
    return std::exchange(pointerLook_, nullptr);
}

std::optional<QPoint> RdpClientQueue::takePointerPosition()
{
    const std::lock_guard lock(mutex_);
    return std::exchange(pointerPosition_, std::nullopt);
}

std::optional<RdpClientQueue::End> RdpClientQueue::takeEnd()
{
    const std::lock_guard lock(mutex_);
    if (end_)
        endTaken_ = true;
    return std::exchange(end_, std::nullopt);
}

void RdpClientQueue::rearm()
{
    const std::lock_guard lock(mutex_);
    if (pictures_.empty() && !pointerLook_ && !pointerPosition_)
        ResetEvent(wakeEvent_);
}

} // namespace baton::rdp
