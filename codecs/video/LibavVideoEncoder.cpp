#include "codecs/video/LibavVideoEncoder.h"

#include "codecs/video/VideoPayload.h"

extern "C" {
#include <libavutil/hwcontext.h>
#include <libavutil/opt.h>
}

#include <array>
#include <string_view>

namespace baton::video {
namespace {

std::string avError(int code)
{
    std::array<char, AV_ERROR_MAX_STRING_SIZE> text{};
    av_strerror(code, text.data(), text.size());
    return text.data();
}

int roundUp(int value, int multiple) { return (value + multiple - 1) / multiple * multiple; }

// Sets the VBV cap; returns it in bits a second.
int64_t applyBitrate(AVCodecContext *c, int kbps)
{
    c->rc_max_rate = int64_t{std::max(1, kbps)} * 1000;
    // A VBV buffer of half a second: the cap holds over any half second, while one
    // key frame may still take several frames' worth of bits.
    c->rc_buffer_size = static_cast<int>(c->rc_max_rate / 2);
    return c->rc_max_rate;
}

VideoTraits traitsFor(std::string_view name, const VideoEncoderConfig &config)
{
    VideoTraits traits;
    traits.encoderName = std::string(name);
    traits.codec = config.codec;
    traits.chroma = config.chroma;
    traits.hardware = name.find("nvenc") != std::string_view::npos ||
        name.find("vaapi") != std::string_view::npos;
    if (name == "libsvtav1") {
        // SVT-AV1 works on 8×8 blocks and refuses pictures under 64×64.
        traits.alignmentPx = 8;
        traits.minimumSizePx = 64;
    } else if (traits.hardware) {
        traits.alignmentPx = 16;
        traits.minimumSizePx = 64;
    }
    return traits;
}

} // namespace

LibavVideoEncoder::~LibavVideoEncoder()
{
    if (!context_ || !avcodec_is_open(context_.get()))
        return;
    // Signal the end of the stream and drain it before closing: SVT-AV1 (1.4) waits
    // forever in its deinit for an end-of-stream it was never sent, and for a first
    // picture when it never had one.
    if (nextPts_ == 0 && !hardware_ && av_frame_make_writable(yuv_.get()) >= 0) {
        yuv_->pts = nextPts_++;
        avcodec_send_frame(context_.get(), yuv_.get());
    }
    if (avcodec_send_frame(context_.get(), nullptr) < 0)
        return;
    while (avcodec_receive_packet(context_.get(), packet_.get()) >= 0)
        av_packet_unref(packet_.get());
}

std::unique_ptr<LibavVideoEncoder> LibavVideoEncoder::open(const std::string &encoderName,
                                                           const VideoEncoderConfig &config,
                                                           std::string *why)
{
    const AVCodec *codec = avcodec_find_encoder_by_name(encoderName.c_str());
    if (!codec) {
        *why = encoderName + " is not built into this libavcodec";
        return nullptr;
    }
    if (!Frame::isValidSize(config.width, config.height)) {
        *why = "region size outside 1…16384";
        return nullptr;
    }
    std::unique_ptr<LibavVideoEncoder> encoder(new LibavVideoEncoder);
    encoder->traits_ = traitsFor(encoderName, config);
    encoder->config_ = config;
    if (!encoder->openCodec(codec, config, why))
        return nullptr;
    return encoder;
}

bool LibavVideoEncoder::openCodec(const AVCodec *codec, const VideoEncoderConfig &config,
                                  std::string *why)
{
    context_.reset(avcodec_alloc_context3(codec));
    packet_.reset(av_packet_alloc());
    yuv_.reset(av_frame_alloc());
    if (!context_ || !packet_ || !yuv_) {
        *why = "out of memory";
        return false;
    }
    const std::string_view name = traits_.encoderName;
    const bool yuv444 = config.chroma == ChromaFormat::Yuv444;
    const bool vaapi = name == "h264_vaapi";
    if (vaapi && yuv444) {
        *why = "VAAPI H.264 encodes 4:2:0 only";
        return false;
    }
    AVCodecContext *c = context_.get();
    c->width = std::max(roundUp(config.width, traits_.alignmentPx), traits_.minimumSizePx);
    c->height = std::max(roundUp(config.height, traits_.alignmentPx), traits_.minimumSizePx);
    c->time_base = AVRational{1, std::max(1, config.framesPerSecond)};
    c->framerate = AVRational{std::max(1, config.framesPerSecond), 1};
    c->pix_fmt = yuv444 ? AV_PIX_FMT_YUV444P : AV_PIX_FMT_YUV420P;
    c->max_b_frames = 0;
    c->gop_size = config.keyIntervalFrames > 0 ? config.keyIntervalFrames : 100000;
    c->thread_count = std::max(1, config.threads);
    c->bit_rate = applyBitrate(c, config.bitrateKbps);
    c->colorspace = AVCOL_SPC_BT709;
    c->color_primaries = AVCOL_PRI_BT709;
    c->color_trc = AVCOL_TRC_BT709;
    c->color_range = AVCOL_RANGE_MPEG;
    c->flags |= AV_CODEC_FLAG_LOW_DELAY;

    AVDictionary *options = nullptr;
    const std::string quality = std::to_string(config.quality);
    if (name == "libx264") {
        c->bit_rate = 0; // CRF under the VBV cap, not ABR
        av_dict_set(&options, "preset", config.x264Preset.c_str(), 0);
        av_dict_set(&options, "tune", "zerolatency", 0);
        av_dict_set(&options, "crf", quality.c_str(), 0);
        av_dict_set(&options, "forced-idr", "1", 0);
        av_dict_set(&options, "profile", yuv444 ? "high444" : "high", 0);
    } else if (name == "libsvtav1") {
        c->bit_rate = 0;
        av_dict_set(&options, "preset", "12", 0);
        av_dict_set(&options, "crf", std::to_string(config.quality + 12).c_str(), 0);
        av_dict_set(&options, "svtav1-params", "pred-struct=1:lookahead=0", 0);
    } else if (name == "libaom-av1") {
        av_dict_set(&options, "usage", "realtime", 0);
        av_dict_set(&options, "cpu-used", "10", 0);
        av_dict_set(&options, "lag-in-frames", "0", 0);
    } else if (name == "h264_nvenc") {
        av_dict_set(&options, "preset", "p1", 0);
        av_dict_set(&options, "tune", "ull", 0);
        av_dict_set(&options, "zerolatency", "1", 0);
        av_dict_set(&options, "delay", "0", 0);
        av_dict_set(&options, "rc", "vbr", 0);
        av_dict_set(&options, "forced-idr", "1", 0);
    } else if (vaapi) {
        if (!openVaapiFrames(why)) {
            return false;
        }
        av_dict_set(&options, "rc_mode", "VBR", 0);
    }
    const int status = avcodec_open2(c, codec, &options);
    av_dict_free(&options);
    if (status < 0) {
        *why = std::string(name) + " did not open: " + avError(status);
        return false;
    }
    yuv_->format = vaapi ? AV_PIX_FMT_NV12 : c->pix_fmt;
    yuv_->width = c->width;
    yuv_->height = c->height;
    if (const int allocated = av_frame_get_buffer(yuv_.get(), 0); allocated < 0) {
        *why = "cannot allocate a picture: " + avError(allocated);
        return false;
    }
    return true;
}

bool LibavVideoEncoder::openVaapiFrames(std::string *why)
{
    AVBufferRef *device = nullptr;
    if (const int status =
            av_hwdevice_ctx_create(&device, AV_HWDEVICE_TYPE_VAAPI, nullptr, nullptr, 0);
        status < 0) {
        *why = "no VAAPI device: " + avError(status);
        return false;
    }
    hardwareDevice_.reset(device);
    AVBufferRefPtr frames(av_hwframe_ctx_alloc(hardwareDevice_.get()));
    if (!frames) {
        *why = "out of memory";
        return false;
    }
    auto *framesContext = reinterpret_cast<AVHWFramesContext *>(frames->data);
    framesContext->format = AV_PIX_FMT_VAAPI;
    framesContext->sw_format = AV_PIX_FMT_NV12;
    framesContext->width = context_->width;
    framesContext->height = context_->height;
    framesContext->initial_pool_size = 4;
    if (const int status = av_hwframe_ctx_init(frames.get()); status < 0) {
        *why = "VAAPI surfaces unavailable: " + avError(status);
        return false;
    }
    context_->pix_fmt = AV_PIX_FMT_VAAPI;
    context_->hw_frames_ctx = av_buffer_ref(frames.get());
    hardware_.reset(av_frame_alloc());
    return context_->hw_frames_ctx != nullptr && hardware_ != nullptr;
}

bool LibavVideoEncoder::encode(const FrameView &picture, bool forceKeyFrame,
                               EncodedVideoFrame *out, std::string *error)
{
    out->payload.clear();
    out->keyFrame = false;
    if (picture.width() != config_.width || picture.height() != config_.height) {
        *error = "picture size differs from the encoder's";
        return false;
    }
    if (const int writable = av_frame_make_writable(yuv_.get()); writable < 0) {
        *error = "picture buffer: " + avError(writable);
        return false;
    }
    if (!converter_.toYuv(picture, yuv_.get())) {
        *error = "BGRA to YUV conversion failed";
        return false;
    }
    AVFrame *input = yuv_.get();
    if (hardware_) {
        av_frame_unref(hardware_.get());
        if (const int status =
                av_hwframe_get_buffer(context_->hw_frames_ctx, hardware_.get(), 0);
            status < 0) {
            *error = "VAAPI surface: " + avError(status);
            return false;
        }
        if (const int status = av_hwframe_transfer_data(hardware_.get(), yuv_.get(), 0);
            status < 0) {
            *error = "VAAPI upload: " + avError(status);
            return false;
        }
        input = hardware_.get();
    }
    input->pts = nextPts_++;
    input->pict_type = forceKeyFrame ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE;
    if (const int status = avcodec_send_frame(context_.get(), input); status < 0) {
        *error = traits_.encoderName + " refused the picture: " + avError(status);
        return false;
    }
    return drain(out, error);
}

bool LibavVideoEncoder::setBitrateKbps(int kbps)
{
    if (traits_.encoderName != "libx264")
        return false;
    config_.bitrateKbps = kbps;
    applyBitrate(context_.get(), kbps);
    return true;
}

bool LibavVideoEncoder::drain(EncodedVideoFrame *out, std::string *error)
{
    std::vector<uint8_t> bitstream;
    for (;;) {
        const int status = avcodec_receive_packet(context_.get(), packet_.get());
        if (status == AVERROR(EAGAIN) || status == AVERROR_EOF)
            break;
        if (status < 0) {
            *error = traits_.encoderName + " failed: " + avError(status);
            return false;
        }
        out->keyFrame = out->keyFrame || (packet_->flags & AV_PKT_FLAG_KEY) != 0;
        bitstream.insert(bitstream.end(), packet_->data, packet_->data + packet_->size);
        av_packet_unref(packet_.get());
    }
    if (bitstream.empty())
        return true;
    VideoPayloadHeader header;
    header.codec = traits_.codec;
    header.chroma = traits_.chroma;
    header.keyFrame = out->keyFrame;
    header.width = config_.width;
    header.height = config_.height;
    out->payload.reserve(kVideoPayloadHeaderBytes + bitstream.size());
    appendVideoPayloadHeader(header, out->payload);
    out->payload.insert(out->payload.end(), bitstream.begin(), bitstream.end());
    return true;
}

} // namespace baton::video
