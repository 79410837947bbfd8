#include "codecs/video/VideoPayload.h"

#include "codecs/frame/Frame.h"

namespace baton::video {

const char *toString(VideoCodec codec)
{
    switch (codec) {
    case VideoCodec::H264:
        return "H.264";
    case VideoCodec::AV1:
        return "AV1";
    }
    return "unknown";
}

void appendVideoPayloadHeader(const VideoPayloadHeader &header, std::vector<uint8_t> &out)
{
    out.push_back(static_cast<uint8_t>(header.codec));
    out.push_back(static_cast<uint8_t>((header.keyFrame ? 0x01 : 0) |
                                       (header.chroma == ChromaFormat::Yuv444 ? 0x02 : 0)));
    out.push_back(static_cast<uint8_t>(header.width));
    out.push_back(static_cast<uint8_t>(header.width >> 8));
    out.push_back(static_cast<uint8_t>(header.height));
    out.push_back(static_cast<uint8_t>(header.height >> 8));
}

std::optional<VideoPayloadHeader> parseVideoPayloadHeader(std::span<const uint8_t> payload)
{
    if (payload.size() <= kVideoPayloadHeaderBytes)
        return std::nullopt;
    VideoPayloadHeader header;
    const uint8_t codec = payload[0];
    if (codec != static_cast<uint8_t>(VideoCodec::H264) &&
        codec != static_cast<uint8_t>(VideoCodec::AV1))
        return std::nullopt;
    header.codec = static_cast<VideoCodec>(codec);
    if ((payload[1] & 0xFC) != 0)
        return std::nullopt;
    header.keyFrame = (payload[1] & 0x01) != 0;
    header.chroma = (payload[1] & 0x02) != 0 ? ChromaFormat::Yuv444 : ChromaFormat::Yuv420;
    header.width = payload[2] | (payload[3] << 8);
    header.height = payload[4] | (payload[5] << 8);
    if (!Frame::isValidSize(header.width, header.height))
        return std::nullopt;
    return header;
}

} // namespace baton::video
