#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace baton::video {

// Codec ids as research/t128.md §9.3 numbers them in Baton's codec capability set.
enum class VideoCodec : uint8_t {
    H264 = 3, // AVC, 4:2:0 or 4:4:4 (the chroma format is a separate field)
    AV1 = 5,
};

enum class ChromaFormat : uint8_t { Yuv420 = 0, Yuv444 = 1 };

struct VideoEncoderConfig {
    int32_t width = 0;  // the region's size; odd sizes are padded and cropped back
    int32_t height = 0;
    int framesPerSecond = 30;
    int bitrateKbps = 4000;     // the cap (VBV maximum rate), not a target
    int quality = 20;           // x264 CRF (SVT-AV1: CRF + 12); lower is better
    int keyIntervalFrames = 0;  // 0: key frames only on demand (and the first)
    int threads = 1;            // encoder threads; 1 keeps one core for everything else
    VideoCodec codec = VideoCodec::H264;
    ChromaFormat chroma = ChromaFormat::Yuv420;
    bool preferHardware = true; // try VAAPI / NVENC first, fall back to software
    std::string x264Preset = "superfast";
};

// What an encoder instance is, declared so the planner can choose without guessing.
struct VideoTraits {
    std::string encoderName; // the libavcodec encoder, e.g. "libx264", "h264_vaapi"
    VideoCodec codec = VideoCodec::H264;
    ChromaFormat chroma = ChromaFormat::Yuv420;
    bool hardware = false;
    bool lossless = false;
    int latencyFrames = 0;   // frames a packet lags behind its input (0 = same call)
    int alignmentPx = 2;     // the padded size is a multiple of this
    int minimumSizePx = 1;   // the padded size is at least this in each direction
};

enum class CodecLogLevel { Debug, Info, Warning };
// How codecs/ reports what it chose and why, without printing or depending on Qt:
// the caller forwards these lines to its own logging category.
using CodecLog = std::function<void(CodecLogLevel, std::string_view)>;

struct EncodedVideoFrame {
    std::vector<uint8_t> payload; // a complete video payload (VideoPayload format)
    bool keyFrame = false;
};

const char *toString(VideoCodec codec);

} // namespace baton::video
