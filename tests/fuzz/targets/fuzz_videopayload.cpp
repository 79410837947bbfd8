// Video payloads arrive from the host inside video-region PDUs: any bytes. One
// decoder lives across inputs, as on a viewer, so state carried between payloads
// (reference pictures, parameter sets) is exercised too.
#include "codecs/video/LibavVideoDecoder.h"
#include "codecs/video/VideoPayload.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::span<const uint8_t> payload(data, size);
    const auto header = baton::video::parseVideoPayloadHeader(payload);
    if (!header || int64_t{header->width} * header->height > 1024 * 1024)
        return 0;
    static baton::video::LibavVideoDecoder h264(baton::video::VideoCodec::H264);
    static baton::video::LibavVideoDecoder av1(baton::video::VideoCodec::AV1);
    baton::Frame picture;
    auto &decoder = header->codec == baton::video::VideoCodec::H264 ? h264 : av1;
    if (decoder.decode(payload, &picture) == baton::video::VideoDecodeError::None &&
        (picture.width() != header->width || picture.height() != header->height))
        __builtin_trap();
    return 0;
}
