#pragma once

#include "core/protocol/Bytes.h"
#include "core/protocol/Framing.h"
#include "core/protocol/Pdu.h"
#include "core/protocol/PduReassembler.h"
#include "core/protocol/Result.h"

#include <cstdint>
#include <optional>

namespace baton::protocol {

// Turns frames into typed PDUs. decode() is stateless; decodeFrame() keeps the
// reassembly state for Fragment PDUs, so use one PduDecoder per receiving connection.
//
// Refused, with a ProtocolError: truncation, lengths that disagree (TPKT, MCS, share
// control totalLength, uncompressedLength, every count and inner length), sizes beyond
// docs/protocol.md's limits, unknown pduType / pduType2 / sub-types, non-zero padding,
// bytes left over. Nothing is allocated from a length before that length is checked
// against the bytes that are actually there.
class PduDecoder {
public:
    PduDecoder() = default;
    explicit PduDecoder(PduReassembler::Limits limits) : reassembler_(limits) { }

    // Decodes exactly one ASPDU. A Fragment PDU decodes as FragmentPdu.
    static Result<Pdu> decode(ByteView aspdu);

    // Decodes the body of a data PDU of type pduType2 (what a reassembled payload is).
    static Result<PduBody> decodeDataBody(uint8_t pduType2, ByteView body);

    // Decodes a frame's ASPDU and checks that pduSource equals the MCS initiator.
    // Fragments are reassembled: for one that does not complete its payload this returns
    // nullopt (successfully); the one that does yields the whole inner PDU, with the
    // context of its last fragment. A fast-path frame's PDU gets fastPathContext(), and
    // must be of a type the fast path carries (isFastPathType).
    Result<std::optional<Pdu>> decodeFrame(const Frame &frame);

    // What a fast-path frame leaves out: the host's user id, the active share id, the
    // stream. The viewer's connection keeps it current.
    void setFastPathContext(PduContext context) { fastPathContext_ = context; }
    const PduContext &fastPathContext() const { return fastPathContext_; }

    const PduReassembler &reassembler() const { return reassembler_; }

private:
    Result<Pdu> decodeFastPath(ByteView payload) const;

    PduReassembler reassembler_;
    PduContext fastPathContext_{kHostUserId, 0, StreamId::Low};
};

} // namespace baton::protocol
