#include "codecs/classify/VideoRectKeeper.h"

namespace baton::classify {

Rect VideoRectKeeper::update(const Rect &classified)
{
    if (classified.isEmpty()) {
        reset();
        return {};
    }
    if (!kept_.contains(classified)) {
        kept_ = kept_.united(classified);
        recent_ = {};
        framesInside_ = 0;
        return kept_;
    }
    recent_ = recent_.united(classified);
    if (++framesInside_ >= shrinkAfterFrames_) {
        kept_ = recent_;
        recent_ = {};
        framesInside_ = 0;
    }
    return kept_;
}

void VideoRectKeeper::reset()
{
    kept_ = {};
    recent_ = {};
    framesInside_ = 0;
}

} // namespace baton::classify
