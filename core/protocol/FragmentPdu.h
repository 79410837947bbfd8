#pragma once

#include "core/protocol/Bytes.h"
#include "core/protocol/Framing.h"
#include "core/protocol/PduTypes.h"

#include <cstddef>
#include <cstdint>

namespace baton::protocol {

class PduReader;
class PduWriter;

// A data PDU whose body does not fit one frame (a large tile or video payload) travels as
// count Fragment PDUs: payloadId(2) | index(2) | count(2) | innerPduType2(1) | pad(1) |
// totalLength(4) | chunk (the rest of the PDU). Chunks are the inner body's bytes in
// order; other PDUs may travel between them. payloadId is the sender's counter; ids of
// payloads still in flight from one sender are distinct.
struct FragmentPdu {
    static constexpr PduType2 kType2 = PduType2::Fragment;
    static constexpr size_t kHeaderBytes = 12;
    static constexpr size_t kMaxReassembledBytes = 8u << 20;
    // The largest chunk that keeps a Fragment ASPDU within one frame.
    static constexpr size_t kMaxChunkBytes = kMaxUserDataBytes - 18 - kHeaderBytes;
    static constexpr size_t kMaxCount =
        (kMaxReassembledBytes + kMaxChunkBytes - 1) / kMaxChunkBytes;

    uint16_t payloadId = 0;
    uint16_t index = 0;
    uint16_t count = 2;
    uint8_t innerPduType2 = 0;
    uint32_t totalLength = 0;
    Bytes chunk;

    void write(PduWriter &w) const;
    static FragmentPdu read(PduReader &r);
    friend bool operator==(const FragmentPdu &, const FragmentPdu &) = default;
};

} // namespace baton::protocol
