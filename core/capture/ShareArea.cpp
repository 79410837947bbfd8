#include "core/capture/ShareArea.h"

namespace baton {

Rect ShareArea::wantedBox(const Rect &main, std::span<const Rect> others, const Rect &screen)
{
    Rect box = main;
    for (const Rect &other : others)
        box = box.united(other.intersected(screen));
    return box;
}

void ShareArea::reset(const Rect &wanted, const Rect &main)
{
    box_ = wanted;
    offsetX_ = box_.x - main.x;
    offsetY_ = box_.y - main.y;
    shrinkDue_.reset();
}

Rect ShareArea::update(const Rect &wanted, const Rect &main, Clock::time_point now)
{
    const Rect followed{main.x + offsetX_, main.y + offsetY_, box_.width, box_.height};
    if (!followed.contains(wanted)) {
        reset(followed.united(wanted), main);
        // What grew past the old box may still leave room to shrink later.
        if (box_ != wanted)
            shrinkDue_ = now + kShrinkDelay;
        return box_;
    }
    box_ = followed;
    if (wanted == box_) {
        shrinkDue_.reset();
    } else if (!shrinkDue_) {
        shrinkDue_ = now + kShrinkDelay;
    } else if (now >= *shrinkDue_) {
        reset(wanted, main);
    }
    return box_;
}

} // namespace baton
