#include "VideoStream.h"

#include "codecs/video/VideoEncoderFactory.h"
#include "core/protocol/Capabilities.h"

#include <algorithm>

namespace baton {

VideoStream::VideoStream(video::VideoCodec codec, int framesPerSecond, video::CodecLog log)
    : codec_(codec), framesPerSecond_(framesPerSecond), log_(std::move(log))
{
}

VideoStream::~VideoStream() = default;

void VideoStream::close()
{
    encoder_.reset();
    rect_ = {};
}

void VideoStream::setBitrateKbps(int kbps)
{
    bitrateKbps_ = std::clamp(kbps, 1, maxBitrateKbps());
    if (encoder_ && !encoder_->setBitrateKbps(bitrateKbps_))
        encoder_.reset();
}

std::optional<protocol::VideoRegionUpdatePdu>
VideoStream::encode(const FrameView &frame, const Rect &rect, uint32_t frameId, std::string *error)
{
    if (!encoder_ || rect != rect_) {
        video::VideoEncoderConfig config;
        config.width = rect.width;
        config.height = rect.height;
        config.framesPerSecond = framesPerSecond_;
        config.codec = codec_;
        config.bitrateKbps = bitrateKbps_;
        encoder_ = video::createVideoEncoder(config, log_, error);
        if (!encoder_) {
            rect_ = {};
            return std::nullopt;
        }
        encoderName_ = encoder_->traits().encoderName;
        rect_ = rect;
        ++regionId_;
        keyFramePending_ = true;
    }
    if (!encoder_->encode(frame.subView(rect), keyFramePending_, &encoded_, error))
        return std::nullopt;
    if (encoded_.payload.empty())
        return std::nullopt; // a picture still inside the encoder: send these pixels losslessly
    keyFramePending_ = false;

    protocol::VideoRegionUpdatePdu pdu;
    pdu.frameId = frameId;
    pdu.regionId = regionId_;
    pdu.x = uint16_t(rect.x);
    pdu.y = uint16_t(rect.y);
    pdu.width = uint16_t(rect.width);
    pdu.height = uint16_t(rect.height);
    const bool av1 = codec_ == video::VideoCodec::AV1;
    const bool yuv444 = encoder_->traits().chroma == video::ChromaFormat::Yuv444;
    pdu.codecId =
        uint8_t(av1 ? protocol::CodecId::Av1
                    : (yuv444 ? protocol::CodecId::H264Avc444 : protocol::CodecId::H264Avc420));
    pdu.flags = protocol::VideoRegionUpdatePdu::kFlagEndOfFrame |
        (encoded_.keyFrame ? protocol::VideoRegionUpdatePdu::kFlagKeyFrame : 0);
    pdu.data.assign(encoded_.payload.begin(), encoded_.payload.end());
    return pdu;
}

} // namespace baton
