#pragma once

#include "core/protocol/Capabilities.h"
#include "core/protocol/PduTypes.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace baton::protocol {

class PduReader;
class PduWriter;

// Share activation (T.128 8.4.1, t128.md §3.1), verbatim. These are share control PDUs
// (no share data header). sourceDescriptor is the sender's name; Baton writes UTF-8.
// lengthCombinedCapabilities counts numberCapabilities, pad2 and the sets.
inline constexpr size_t kMaxSourceDescriptorBytes = 128;

// Host → all: shareId(4) | lengthSourceDescriptor(2) | lengthCombinedCapabilities(2) |
// sourceDescriptor | numberCapabilities(2) | pad2(2) | capabilitySets.
struct DemandActivePdu {
    static constexpr PduType kPduType = PduType::DemandActive;
    uint32_t shareId = 0;
    std::string sourceDescriptor;
    std::vector<CapabilitySet> capabilities;

    void write(PduWriter &w) const;
    static DemandActivePdu read(PduReader &r);
    friend bool operator==(const DemandActivePdu &, const DemandActivePdu &) = default;
};

// Each member → all: shareId(4) | originatorId(2) | lengthSourceDescriptor(2) |
// lengthCombinedCapabilities(2) | sourceDescriptor | numberCapabilities(2) | pad2(2) |
// capabilitySets. originatorId is the share creator (the host).
struct ConfirmActivePdu {
    static constexpr PduType kPduType = PduType::ConfirmActive;
    uint32_t shareId = 0;
    uint16_t originatorId = kHostUserId;
    std::string sourceDescriptor;
    std::vector<CapabilitySet> capabilities;

    void write(PduWriter &w) const;
    static ConfirmActivePdu read(PduReader &r);
    friend bool operator==(const ConfirmActivePdu &, const ConfirmActivePdu &) = default;
};

// Host → all, the share ends (or is re-activated with generation + 1):
// shareId(4) | lengthSourceDescriptor(2) | sourceDescriptor.
struct DeactivateAllPdu {
    static constexpr PduType kPduType = PduType::DeactivateAll;
    uint32_t shareId = 0;
    std::string sourceDescriptor;

    void write(PduWriter &w) const;
    static DeactivateAllPdu read(PduReader &r);
    friend bool operator==(const DeactivateAllPdu &, const DeactivateAllPdu &) = default;
};

} // namespace baton::protocol
