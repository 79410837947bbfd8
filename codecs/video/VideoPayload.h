#pragma once

#include "codecs/video/VideoTypes.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace baton::video {

// The bytes of one video payload (docs/codecs.md, "Video payload"):
//
//   byte 0      codec id (VideoCodec)
//   byte 1      bit 0 key frame, bit 1 4:4:4 chroma, bits 2-7 zero
//   bytes 2-3   width in pixels, u16 LE: the size to crop the decoded picture to
//   bytes 4-5   height in pixels, u16 LE
//   rest        the coded picture: H.264 Annex-B NAL units, or AV1 OBUs (low-overhead
//               bitstream format, temporal unit)
struct VideoPayloadHeader {
    VideoCodec codec = VideoCodec::H264;
    ChromaFormat chroma = ChromaFormat::Yuv420;
    bool keyFrame = false;
    int32_t width = 0;
    int32_t height = 0;
};

inline constexpr std::size_t kVideoPayloadHeaderBytes = 6;

void appendVideoPayloadHeader(const VideoPayloadHeader &header, std::vector<uint8_t> &out);

// Validates the header (known codec, no reserved bits, size within Frame's limits, a
// non-empty bitstream after it). Returns nullopt for anything else.
std::optional<VideoPayloadHeader> parseVideoPayloadHeader(std::span<const uint8_t> payload);

} // namespace baton::video
