#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/video/VideoEncoder.h"
#include "codecs/video/VideoTypes.h"
#include "core/protocol/SurfacePdus.h"

#include <memory>
#include <optional>
#include <string>

namespace baton {

// The host's one video stream: a libavcodec encoder for one rectangle of the window,
// encoded once for every viewer. A new rectangle is a new stream (a new region id, a
// fresh encoder, a key frame); a viewer that lost its place asks, through the session,
// for a key frame, which the next picture then is.
class VideoStream {
public:
    VideoStream(video::VideoCodec codec, int framesPerSecond, video::CodecLog log);
    ~VideoStream();

    // Encodes frame's pixels inside rect (reopening the encoder when rect differs from
    // the last one). nullopt with *error when no encoder opens or it fails, and nullopt
    // with no error when the encoder holds the picture back; either way the caller sends
    // these pixels another way.
    std::optional<protocol::VideoRegionUpdatePdu> encode(const FrameView &frame, const Rect &rect,
                                                         uint32_t frameId, std::string *error);
    void requestKeyFrame() { keyFramePending_ = true; }
    // The bitrate cap from the next picture on (videoBitrateKbps(): the viewers' links),
    // at most maxBitrateKbps(). An encoder that cannot change it between pictures is
    // reopened at the next picture, which is then a key frame.
    void setBitrateKbps(int kbps);
    int bitrateKbps() const { return bitrateKbps_; }
    // The encoders' configured cap: what a stream sends whatever the links.
    static int maxBitrateKbps() { return video::VideoEncoderConfig{}.bitrateKbps; }
    // The region stopped being video.
    void close();
    bool isOpen() const { return encoder_ != nullptr; }
    Rect rect() const { return rect_; }
    const std::string &encoderName() const { return encoderName_; }

private:
    video::VideoCodec codec_;
    int framesPerSecond_;
    video::CodecLog log_;
    std::unique_ptr<video::VideoEncoder> encoder_;
    std::string encoderName_;
    Rect rect_;
    uint16_t regionId_ = 0;
    bool keyFramePending_ = true;
    int bitrateKbps_ = maxBitrateKbps();
    video::EncodedVideoFrame encoded_;
};

} // namespace baton
