#pragma once

#include "core/protocol/Pdu.h"

#include <string>
#include <vector>

namespace baton::protocol::testing {

struct NamedPdu {
    std::string name;
    Pdu pdu;
};

// At least one PDU of every type Baton speaks, with every field set to something other
// than its default, so a field the encoder or decoder drops shows up as a difference.
// Used by the round-trip tests and to generate the fuzz seed corpus.
std::vector<NamedPdu> samplePdus();

// One of each capability set, filled in.
std::vector<CapabilitySet> sampleCapabilities();

} // namespace baton::protocol::testing
