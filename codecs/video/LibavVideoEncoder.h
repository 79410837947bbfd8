#pragma once

#include "codecs/video/BgraConverter.h"
#include "codecs/video/FfmpegHandles.h"
#include "codecs/video/VideoEncoder.h"

#include <memory>
#include <string>

namespace baton::video {

// A VideoEncoder over one libavcodec encoder (libx264, libsvtav1, libaom-av1,
// h264_nvenc, h264_vaapi), configured for interactive latency: no B-frames, no
// look-ahead, one packet out per picture in, key frames on demand, VBV-capped rate.
class LibavVideoEncoder final : public VideoEncoder {
public:
    // Opens encoderName for config; returns null with *why set when libavcodec lacks
    // it or it cannot open here (no GPU, no driver, unsupported size or chroma).
    static std::unique_ptr<LibavVideoEncoder> open(const std::string &encoderName,
                                                   const VideoEncoderConfig &config,
                                                   std::string *why);
    ~LibavVideoEncoder() override;

    const VideoTraits &traits() const override { return traits_; }
    bool encode(const FrameView &picture, bool forceKeyFrame, EncodedVideoFrame *out,
                std::string *error) override;
    // libx264 only: FFmpeg's wrapper hands a changed rc_max_rate / rc_buffer_size to
    // x264_encoder_reconfig before the next picture (libx264.c, reconfig_encoder).
    bool setBitrateKbps(int kbps) override;

private:
    LibavVideoEncoder() = default;
    bool openCodec(const AVCodec *codec, const VideoEncoderConfig &config, std::string *why);
    bool openVaapiFrames(std::string *why);
    bool drain(EncodedVideoFrame *out, std::string *error);

    VideoTraits traits_;
    VideoEncoderConfig config_;
    AVCodecContextPtr context_;
    AVFramePtr yuv_;      // the picture in the encoder's software pixel format
    AVFramePtr hardware_; // VAAPI only: the uploaded surface
    AVPacketPtr packet_;
    AVBufferRefPtr hardwareDevice_;
    BgraConverter converter_;
    int64_t nextPts_ = 0;
};

} // namespace baton::video
