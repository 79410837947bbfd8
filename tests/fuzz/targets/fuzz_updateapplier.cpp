// What a host sends a viewer, from any host the viewer joined: a stream of frames whose
// update PDUs are applied to the viewer's picture. Bytes 0 and 1 choose the window size
// (1…128 each); the rest is the frame stream. Nothing may crash, read or write outside
// the picture, or allocate beyond the decoders' bounds; a refusal ends the stream, as it
// ends a real session.
#include "core/protocol/FrameDecoder.h"
#include "core/protocol/PduDecoder.h"
#include "core/viewer/UpdateApplier.h"

#include <cstddef>
#include <cstdint>

using namespace baton;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    UpdateApplier applier;
    if (!applier.resize(1 + data[0] % 128, 1 + data[1] % 128, nullptr))
        __builtin_trap();
    protocol::FrameDecoder frames;
    frames.acceptFastPath(true); // as a viewer's connection does
    protocol::PduDecoder decoder;
    frames.feed(protocol::ByteView(data + 2, size - 2));
    while (auto frame = frames.next()) {
        const auto pdu = decoder.decodeFrame(*frame);
        if (!pdu)
            return 0;
        if (*pdu && applier.apply((*pdu)->body, nullptr) == UpdateApplier::Outcome::Failed)
            return 0;
    }
    return 0;
}
