#pragma once

#include "codecs/frame/Rect.h"

namespace baton::classify {

// Keeps the video stream's rectangle steady while the classifier's video tiles flicker.
// A decoded video's compression noise makes tiles at its edges and in its flat areas drop
// in and out of "video" from frame to frame; a stream that followed their bounding
// rectangle reopened its encoder (and sent a key frame) every few frames: 106 times in
// 8 s of a 640x360 H.264 file played by ffplay. The kept rectangle grows at once to take
// in new video, and shrinks only after the video has stayed inside a smaller rectangle
// for shrinkAfterFrames frames in a row. Called once per captured frame, from the thread
// that plans updates.
class VideoRectKeeper {
public:
    explicit VideoRectKeeper(int shrinkAfterFrames = 60) : shrinkAfterFrames_(shrinkAfterFrames) { }

    // classified: the bounding rectangle of this frame's video tiles (empty when there is
    // none: the stream ends). Returns the rectangle the stream codes.
    Rect update(const Rect &classified);
    void reset();

private:
    int shrinkAfterFrames_;
    Rect kept_;
    Rect recent_; // the video's extent in the frames since the kept rectangle changed
    int framesInside_ = 0;
};

} // namespace baton::classify
