#include "codecs/video/LibavVideoDecoder.h"

#include "codecs/video/VideoPayload.h"

#include <array>

namespace baton::video {
namespace {

// Encoders pad pictures up to 16 px (hardware) or to 64 px minimum (SVT-AV1).
constexpr int64_t kPaddingAllowancePx = 64;

} // namespace

const char *toString(VideoDecodeError error)
{
    switch (error) {
    case VideoDecodeError::None:
        return "no error";
    case VideoDecodeError::NoPicture:
        return "no picture yet";
    case VideoDecodeError::BadPayload:
        return "invalid video payload header";
    case VideoDecodeError::WrongCodec:
        return "video payload for another codec";
    case VideoDecodeError::DecoderFailed:
        return "video decoder rejected the bitstream";
    case VideoDecodeError::Unavailable:
        return "no decoder for this codec";
    }
    return "unknown error";
}

LibavVideoDecoder::LibavVideoDecoder(VideoCodec codec, CodecLog log)
    : codec_(codec), log_(std::move(log)), frame_(av_frame_alloc()), packet_(av_packet_alloc())
{
    if (!frame_ || !packet_)
        throw std::bad_alloc();
}

LibavVideoDecoder::~LibavVideoDecoder() = default;

VideoDecodeError LibavVideoDecoder::reopen(int32_t width, int32_t height)
{
    context_.reset();
    const std::array<const char *, 3> candidates =
        codec_ == VideoCodec::H264 ? std::array<const char *, 3>{"h264", nullptr, nullptr}
                                   : std::array<const char *, 3>{"libdav1d", "av1", "libaom-av1"};
    for (const char *name : candidates) {
        if (!name)
            break;
        const AVCodec *decoder = avcodec_find_decoder_by_name(name);
        if (!decoder)
            continue;
        AVCodecContextPtr context(avcodec_alloc_context3(decoder));
        if (!context)
            return VideoDecodeError::DecoderFailed;
        context->thread_count = 1;
        context->flags |= AV_CODEC_FLAG_LOW_DELAY;
        context->max_pixels = (width + kPaddingAllowancePx) * (height + kPaddingAllowancePx);
        if (avcodec_open2(context.get(), decoder, nullptr) < 0) {
            if (log_)
                log_(CodecLogLevel::Info, std::string("video decoder ") + name + " did not open");
            continue;
        }
        context_ = std::move(context);
        if (decoderName_ != name && log_)
            log_(CodecLogLevel::Info, std::string("video decoder: ") + name);
        decoderName_ = name;
        width_ = width;
        height_ = height;
        return VideoDecodeError::None;
    }
    return VideoDecodeError::Unavailable;
}

VideoDecodeError LibavVideoDecoder::decode(std::span<const uint8_t> payload, Frame *picture)
{
    const std::optional<VideoPayloadHeader> header = parseVideoPayloadHeader(payload);
    if (!header)
        return VideoDecodeError::BadPayload;
    if (header->codec != codec_)
        return VideoDecodeError::WrongCodec;
    if (!context_ || header->width != width_ || header->height != height_) {
        if (const VideoDecodeError opened = reopen(header->width, header->height);
            opened != VideoDecodeError::None)
            return opened;
    }
    const std::span<const uint8_t> bitstream = payload.subspan(kVideoPayloadHeaderBytes);
    // libavcodec's parsers may read up to AV_INPUT_BUFFER_PADDING_SIZE bytes past the
    // end, so the packet gets its own zero-padded copy.
    if (av_new_packet(packet_.get(), static_cast<int>(bitstream.size())) < 0)
        return VideoDecodeError::DecoderFailed;
    std::copy(bitstream.begin(), bitstream.end(), packet_->data);
    const int sent = avcodec_send_packet(context_.get(), packet_.get());
    av_packet_unref(packet_.get());
    if (sent < 0 && sent != AVERROR(EAGAIN))
        return VideoDecodeError::DecoderFailed;

    bool got = false;
    for (;;) {
        const int status = avcodec_receive_frame(context_.get(), frame_.get());
        if (status == AVERROR(EAGAIN) || status == AVERROR_EOF)
            break;
        if (status < 0)
            return VideoDecodeError::DecoderFailed;
        if (frame_->width < header->width || frame_->height < header->height) {
            av_frame_unref(frame_.get());
            return VideoDecodeError::DecoderFailed;
        }
        if (picture->width() != header->width || picture->height() != header->height)
            *picture = Frame(header->width, header->height);
        const bool converted = converter_.toBgra(frame_.get(), picture->mutableView());
        av_frame_unref(frame_.get());
        if (!converted)
            return VideoDecodeError::DecoderFailed;
        got = true;
    }
    return got ? VideoDecodeError::None : VideoDecodeError::NoPicture;
}

} // namespace baton::video
