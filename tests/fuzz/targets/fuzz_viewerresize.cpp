// What a host sends a viewer, activations included: a stream of frames in which every
// DemandActive (the first and each re-activation, a resize) is judged against the
// viewer's PictureLimit before the picture is resized, and the updates between them are
// applied as fuzz_updateapplier does. Bytes 0 and 1 choose the limit: at most 1 + byte 0
// pixels a side (1…256) and (1 + byte 1) × 256 pixels in all; the rest is the frame
// stream. The picture may never exceed the limit, whatever the sizes, their order or the
// updates, tile cache hits and video pictures left over from an earlier size; a refusal
// ends the stream, as it ends a real session.
#include "core/protocol/FrameDecoder.h"
#include "core/protocol/PduDecoder.h"
#include "core/viewer/DemandedWindow.h"
#include "core/viewer/PictureLimit.h"
#include "core/viewer/UpdateApplier.h"

#include <cstddef>
#include <cstdint>

using namespace baton;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const PictureLimit limit{1 + data[0], (1 + int64_t{data[1]}) * 256};
    UpdateApplier applier;
    protocol::FrameDecoder frames;
    frames.acceptFastPath(true); // as a viewer's connection does
    protocol::PduDecoder decoder;
    frames.feed(protocol::ByteView(data + 2, size - 2));
    while (auto frame = frames.next()) {
        const auto pdu = decoder.decodeFrame(*frame);
        if (!pdu)
            return 0;
        if (!*pdu)
            continue;
        const protocol::PduBody &body = (*pdu)->body;
        if (const auto *demand = std::get_if<protocol::DemandActivePdu>(&body)) {
            const DemandedWindow window = DemandedWindow::of(*demand, limit);
            if (window.verdict != DemandedWindow::Verdict::Accepted)
                return 0;
            const Frame &picture = applier.framebuffer();
            if ((picture.width() != window.widthPx || picture.height() != window.heightPx) &&
                !applier.resize(window.widthPx, window.heightPx, nullptr))
                __builtin_trap(); // every size within the limit is a valid Frame size
            if (!limit.accepts(applier.framebuffer().width(), applier.framebuffer().height()))
                __builtin_trap();
            continue;
        }
        if (applier.apply(body, nullptr) == UpdateApplier::Outcome::Failed)
            return 0;
    }
    return 0;
}
