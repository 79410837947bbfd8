// Frames and PDUs arrive from any peer that completes a TLS handshake: any bytes at all.
// The same input is tried three ways: as one ASPDU, and as a byte stream of frames (cut
// into two chunks where the first byte says), read as a host and as a viewer (which also
// takes fast-path frames). Anything that decodes must re-encode to the
// very bytes it came from, since Baton's encodings are canonical.
#include "core/protocol/FrameDecoder.h"
#include "core/protocol/PduDecoder.h"
#include "core/protocol/PduEncoder.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>

using namespace baton::protocol;

namespace {

void checkAspdu(ByteView bytes)
{
    const auto pdu = PduDecoder::decode(bytes);
    if (!pdu)
        return;
    const auto again = PduEncoder::encode(*pdu);
    if (!again || !std::equal(again->begin(), again->end(), bytes.begin(), bytes.end()))
        __builtin_trap();
}

// fastPath: read as a viewer does, which also takes the host's fast-path frames.
void checkStream(ByteView bytes, bool fastPath)
{
    FrameDecoder frames;
    frames.acceptFastPath(fastPath);
    PduDecoder decoder;
    size_t consumed = 0;
    const size_t cut = bytes.empty() ? 0 : std::min<size_t>(bytes[0] * 64u, bytes.size());
    for (const ByteView chunk : {bytes.first(cut), bytes.subspan(cut)}) {
        frames.feed(chunk);
        while (auto frame = frames.next()) {
            const bool isFastPath = frame->header.kind == SendDataKind::FastPath;
            const size_t overhead = isFastPath ? fastPathOverheadBytes(frame->payload.size())
                                               : frameOverheadBytes(frame->payload.size());
            const size_t length = overhead + frame->payload.size();
            const auto again = encodeFrame(frame->header, frame->payload);
            const ByteView original = bytes.subspan(consumed, length);
            if (!again ||
                !std::equal(again->begin(), again->end(), original.begin(), original.end()))
                __builtin_trap();
            consumed += length;
            if (!isFastPath)
                checkAspdu(frame->payload);
            const auto pdu = decoder.decodeFrame(*frame);
            if (!pdu)
                return; // a real connection closes here
            if (decoder.reassembler().bufferedBytes() > PduReassembler::Limits{}.maxBufferedBytes)
                __builtin_trap();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ByteView bytes(data, size);
    checkAspdu(bytes);
    checkStream(bytes, false);
    checkStream(bytes, true);
    return 0;
}
