#include "codecs/video/VideoEncoderFactory.h"

#include "codecs/video/LibavVideoEncoder.h"

namespace baton::video {

std::vector<std::string> videoEncoderCandidates(const VideoEncoderConfig &config)
{
    std::vector<std::string> names;
    if (config.codec == VideoCodec::H264) {
        if (config.preferHardware) {
            names.emplace_back("h264_nvenc");
            if (config.chroma == ChromaFormat::Yuv420)
                names.emplace_back("h264_vaapi");
        }
        names.emplace_back("libx264");
    } else {
        if (config.chroma == ChromaFormat::Yuv420)
            names.emplace_back("libsvtav1");
        names.emplace_back("libaom-av1");
    }
    return names;
}

std::unique_ptr<VideoEncoder> createVideoEncoder(const VideoEncoderConfig &config,
                                                 const CodecLog &log, std::string *why)
{
    std::string refusals;
    for (const std::string &name : videoEncoderCandidates(config)) {
        std::string reason;
        if (auto encoder = LibavVideoEncoder::open(name, config, &reason)) {
            if (log)
                log(CodecLogLevel::Info,
                    "video encoder: " + name + " (" + toString(config.codec) +
                        (config.chroma == ChromaFormat::Yuv444 ? " 4:4:4" : " 4:2:0") +
                        (encoder->traits().hardware ? ", hardware" : ", software") + ", " +
                        std::to_string(config.width) + "x" + std::to_string(config.height) + ")" +
                        (refusals.empty() ? "" : "; skipped " + refusals));
            return encoder;
        }
        if (log)
            log(CodecLogLevel::Info, name + " unavailable: " + reason);
        refusals += (refusals.empty() ? "" : "; ") + name + ": " + reason;
    }
    if (why)
        *why = "no video encoder opened (" + refusals + ")";
    return nullptr;
}

} // namespace baton::video
