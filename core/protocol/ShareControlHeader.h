#pragma once

#include "core/protocol/PduTypes.h"

#include <cstddef>
#include <cstdint>

namespace baton::protocol {

class PduReader;
class PduWriter;

// T.128 8.3 share control header, 6 bytes, at the start of every ASPDU:
// totalLength(2) | pduType(2) = type | version 1 << 4 | pduSource(2).
struct ShareControlHeader {
    static constexpr size_t kBytes = 6;
    static constexpr uint16_t kVersion1 = 0x10;
    static constexpr uint16_t kFlowMarker = 0x8000; // T.128 FlowPDU; Baton uses FrameAck

    uint16_t totalLength = 0;
    PduType type = PduType::Data;
    uint16_t source = 0; // the sender's user id

    void write(PduWriter &w) const;
    // Refuses a FlowPDU (Unsupported), a version other than 1 and unknown types.
    static ShareControlHeader read(PduReader &r);

    friend bool operator==(const ShareControlHeader &, const ShareControlHeader &) = default;
};

} // namespace baton::protocol
