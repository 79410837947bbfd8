#pragma once

#include "codecs/frame/Rect.h"

#include <QByteArray>

#include <cstdint>
#include <memory>
#include <optional>

namespace baton::protocol {
struct VideoRegionUpdatePdu;
}

namespace baton::rdp {

// One picture of the host's video region (docs/protocol.md §8.3) as the graphics pipeline's
// AVC420 clients take it: H.264 4:2:0 Annex-B NAL units of one access unit, passed on as the
// host encoded them (the gateway re-encodes nothing), shared by every client.
struct RdpVideoFrame {
    uint16_t regionId = 0;
    Rect rect; // in the desktop; the stream's pictures are of its size
    bool keyFrame = false; // decodable alone: where a client that joined mid-stream starts
    QByteArray annexB;
    // Whether the update it came with shows it in rect. Not when something was drawn over it
    // before that picture was presented (the gateway's viewer presents the host's frames
    // together when it is behind), nor in the entry, without a picture, that marks where the
    // host drew into the region without video (the stream ended or paused). Either way clients
    // drop their video surface, take the whole picture again (their own decoding there is not
    // the gateway's), and their stream waits for its next key frame.
    bool shown = true;

    // What can pass through as AVC420: H.264 with 4:2:0 chroma whose payload is of the
    // region's size. Anything else (4:4:4, AV1) gives nothing: those clients see the region
    // as the planar tiles of the gateway's own decoding, as every other client does.
    static std::optional<RdpVideoFrame> fromPdu(const protocol::VideoRegionUpdatePdu &pdu);
};
using RdpVideoFramePtr = std::shared_ptr<const RdpVideoFrame>;

} // namespace baton::rdp
