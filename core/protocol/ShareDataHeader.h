#pragma once

#include "core/protocol/PduTypes.h"

#include <cstddef>
#include <cstdint>

namespace baton::protocol {

class PduReader;
class PduWriter;

// T.128 8.3 share data header, the 12 bytes after the control header of a data PDU:
// shareId(4) | pad1(1) | streamId(1) | uncompressedLength(2) | pduType2(1) |
// compressedType(1) | compressedLength(2).
// Baton writes uncompressedLength = totalLength - 14 (it counts from pduType2 on, as
// Microsoft's encoder does) and never compresses; the decoder insists on both.
struct ShareDataHeader {
    static constexpr size_t kBytes = 12;
    // Bytes of the two headers that uncompressedLength does not count.
    static constexpr size_t kUncountedBytes = 14;

    uint32_t shareId = 0; // generation << 16 | creator user id
    StreamId stream = StreamId::Medium;
    uint16_t uncompressedLength = 0;
    uint8_t pduType2 = 0;
    uint8_t compressedType = 0;
    uint16_t compressedLength = 0;

    void write(PduWriter &w) const;
    // Checks the fixed fields (pad, streamId, no compression); lengths and pduType2 are
    // the PDU decoder's to check.
    static ShareDataHeader read(PduReader &r);

    friend bool operator==(const ShareDataHeader &, const ShareDataHeader &) = default;
};

} // namespace baton::protocol
