#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/video/FfmpegHandles.h"

#include <vector>

namespace baton::video {

// BGRA ⇄ YUV with libswscale, BT.709 limited range both ways so that encoder and
// decoder agree on colours. Pictures whose size is not a multiple of the encoder's
// alignment are padded by repeating the last column and row (no false edges for the
// encoder to spend bits on); the decoder crops them back.
class BgraConverter {
public:
    // Fills frame (allocated by the caller with format, width and height set) from
    // picture; frame may be larger than picture, then the edge is replicated.
    bool toYuv(const FrameView &picture, AVFrame *frame);
    // Writes the top-left picture->width() × picture->height() pixels of frame.
    bool toBgra(const AVFrame *frame, const MutableFrameView &picture);

private:
    SwsContextPtr toYuv_;
    SwsContextPtr toBgra_;
    std::vector<uint8_t> padded_;
};

} // namespace baton::video
