#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/video/VideoTypes.h"

#include <span>

namespace baton::video {

enum class VideoDecodeError {
    None,
    NoPicture,     // accepted, but no picture is ready yet (not an error for the stream)
    BadPayload,    // the payload header is invalid
    WrongCodec,    // the payload's codec differs from this decoder's
    DecoderFailed, // libavcodec rejected the bitstream
    Unavailable,   // no decoder for this codec is built into libavcodec
};

const char *toString(VideoDecodeError error);

// Turns video payloads back into BGRA pictures, cropped to the payload's size.
// One per video region on a viewer, used from one thread.
class VideoDecoder {
public:
    virtual ~VideoDecoder() = default;
    VideoDecoder() = default;
    VideoDecoder(const VideoDecoder &) = delete;
    VideoDecoder &operator=(const VideoDecoder &) = delete;

    virtual VideoCodec codec() const = 0;
    // Decodes one payload; on None, *picture holds the new picture (reallocated when
    // the size changes). Any byte string is safe: errors are returned, never thrown.
    virtual VideoDecodeError decode(std::span<const uint8_t> payload, Frame *picture) = 0;
};

} // namespace baton::video
