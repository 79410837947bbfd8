#include "core/rdp/RdpVideoFrame.h"

#include "codecs/video/VideoPayload.h"
#include "core/protocol/Capabilities.h"
#include "core/protocol/SurfacePdus.h"

namespace baton::rdp {

std::optional<RdpVideoFrame> RdpVideoFrame::fromPdu(const protocol::VideoRegionUpdatePdu &pdu)
{
    if (pdu.codecId != uint8_t(protocol::CodecId::H264Avc420))
        return std::nullopt;
    const auto header = video::parseVideoPayloadHeader(pdu.data);
    if (!header || header->codec != video::VideoCodec::H264 ||
        header->chroma != video::ChromaFormat::Yuv420 || header->width != pdu.width ||
        header->height != pdu.height)
        return std::nullopt;
    RdpVideoFrame frame;
    frame.regionId = pdu.regionId;
    frame.rect = Rect{pdu.x, pdu.y, pdu.width, pdu.height};
    frame.keyFrame = (pdu.flags & protocol::VideoRegionUpdatePdu::kFlagKeyFrame) != 0;
    const auto bitstream = std::span(pdu.data).subspan(video::kVideoPayloadHeaderBytes);
    frame.annexB =
        QByteArray(reinterpret_cast<const char *>(bitstream.data()), qsizetype(bitstream.size()));
    return frame;
}

} // namespace baton::rdp
