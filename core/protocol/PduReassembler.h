#pragma once

#include "core/protocol/Bytes.h"
#include "core/protocol/FragmentPdu.h"
#include "core/protocol/Result.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace baton::protocol {

// Puts Fragment PDUs back together, with bounded memory: a payload grows only by the
// chunks that actually arrive (never by what totalLength claims), and the limits below
// cap what one peer can make the receiver hold. Any inconsistency is a ProtocolError.
class PduReassembler {
public:
    struct Limits {
        size_t maxPayloadsInFlight = 4;
        size_t maxBufferedBytes = 16u << 20;
    };
    struct Completed {
        uint8_t pduType2 = 0;
        uint32_t shareId = 0;
        Bytes body;
    };

    PduReassembler() = default;
    explicit PduReassembler(Limits limits) : limits_(limits) { }

    // Adds one fragment sent by source. Returns the inner body when this fragment
    // completes it, nullopt while more are needed.
    Result<std::optional<Completed>> add(uint16_t source, uint32_t shareId,
                                         const FragmentPdu &fragment);

    size_t bufferedBytes() const { return bufferedBytes_; }
    size_t payloadsInFlight() const { return partials_.size(); }
    // Forgets everything (a share was deactivated, a sender left).
    void clear();

private:
    struct Partial {
        uint16_t source = 0;
        uint16_t payloadId = 0;
        uint8_t pduType2 = 0;
        uint16_t count = 0;
        uint16_t nextIndex = 0;
        uint32_t shareId = 0;
        uint32_t totalLength = 0;
        Bytes data;
    };

    Limits limits_;
    std::vector<Partial> partials_;
    size_t bufferedBytes_ = 0;
};

} // namespace baton::protocol
