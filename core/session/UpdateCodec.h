#pragma once

#include <optional>
#include <string_view>

namespace baton {

// How a host encodes its updates (`--codec`).
enum class UpdateCodec {
    Auto, // lossless tiles, and a video stream for regions the classifier calls video
    Lossless, // lossless tiles only
    T128, // plain T.128: orders and interleaved-RLE bitmap updates, for legacy viewers
    H264, // the whole window as one H.264 stream (lossless catch-ups)
    Av1, // the same with AV1
};

std::optional<UpdateCodec> parseUpdateCodec(std::string_view name);
const char *toString(UpdateCodec codec);

} // namespace baton
