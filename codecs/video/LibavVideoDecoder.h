#pragma once

#include "codecs/video/BgraConverter.h"
#include "codecs/video/FfmpegHandles.h"
#include "codecs/video/VideoDecoder.h"

#include <memory>
#include <string>

namespace baton::video {

// A VideoDecoder over libavcodec's software decoders: "h264" for H.264, libdav1d
// (else libavcodec's own "av1", else libaom) for AV1. Opened lazily on the first
// payload and reopened when the picture size changes, with max_pixels bounded by the
// payload's declared size so a hostile stream cannot make it allocate more.
class LibavVideoDecoder final : public VideoDecoder {
public:
    explicit LibavVideoDecoder(VideoCodec codec, CodecLog log = {});
    ~LibavVideoDecoder() override;

    VideoCodec codec() const override { return codec_; }
    VideoDecodeError decode(std::span<const uint8_t> payload, Frame *picture) override;

    // The libavcodec decoder in use, empty before the first payload.
    const std::string &decoderName() const { return decoderName_; }

private:
    VideoDecodeError reopen(int32_t width, int32_t height);

    VideoCodec codec_;
    CodecLog log_;
    std::string decoderName_;
    int32_t width_ = 0;
    int32_t height_ = 0;
    AVCodecContextPtr context_;
    AVFramePtr frame_;
    AVPacketPtr packet_;
    BgraConverter converter_;
};

} // namespace baton::video
