#pragma once

#include "codecs/video/VideoEncoder.h"

#include <memory>
#include <string>
#include <vector>

namespace baton::video {

// The libavcodec encoders tried for a configuration, best first: hardware ones when
// config.preferHardware (NVENC, then VAAPI, for H.264 4:2:0 and 4:4:4 where the
// encoder supports it), then software (libx264; libsvtav1, then libaom-av1 for AV1).
std::vector<std::string> videoEncoderCandidates(const VideoEncoderConfig &config);

// Opens the first candidate that works here. Each refusal and the final choice go to
// log (e.g. "h264_vaapi unavailable: no VAAPI device …; using libx264"). Returns null
// with *why listing every refusal when none opens.
std::unique_ptr<VideoEncoder> createVideoEncoder(const VideoEncoderConfig &config,
                                                 const CodecLog &log, std::string *why);

} // namespace baton::video
