#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/video/VideoTypes.h"

#include <string>

namespace baton::video {

// Compresses a sequence of equally sized BGRA pictures of one screen region.
// Created by createVideoEncoder; used from one thread (a host's VideoStream, on the
// session's thread); not copyable. A new region size needs a new encoder.
class VideoEncoder {
public:
    virtual ~VideoEncoder() = default;
    VideoEncoder() = default;
    VideoEncoder(const VideoEncoder &) = delete;
    VideoEncoder &operator=(const VideoEncoder &) = delete;

    virtual const VideoTraits &traits() const = 0;

    // Encodes picture (the configured size; other sizes are refused). With
    // forceKeyFrame the output is an IDR picture a fresh decoder can start from
    // (a late joiner, a lost viewer). Returns false with *error set when the encoder
    // fails; out->payload is empty when the encoder produced nothing yet (never for
    // the zero-latency configurations Baton opens).
    virtual bool encode(const FrameView &picture, bool forceKeyFrame, EncodedVideoFrame *out,
                        std::string *error) = 0;

    // A new bitrate cap (VideoEncoderConfig::bitrateKbps) from the next picture on, for a
    // host that follows its viewers' links. Returns false when this encoder keeps its
    // opened cap (only a new encoder would change it).
    virtual bool setBitrateKbps(int kbps) = 0;
};

} // namespace baton::video
