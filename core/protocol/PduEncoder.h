#pragma once

#include "core/protocol/Bytes.h"
#include "core/protocol/Framing.h"
#include "core/protocol/Pdu.h"
#include "core/protocol/Result.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace baton::protocol {

// Turns typed PDUs into ASPDUs and frames. One encoder per sending connection (or per
// broadcast stream): it numbers the payloads it has to split into Fragment PDUs.
class PduEncoder {
public:
    // One ASPDU: share control header [+ share data header] + body. Fails with TooLarge
    // when it would not fit one frame, or with the field error the writer recorded.
    static Result<Bytes> encode(const Pdu &pdu);

    // One complete frame carrying pdu; initiator = pdu.context.source.
    static Result<Bytes> encodeFrame(SendDataKind kind, uint16_t channelId, const Pdu &pdu);

    // Frames ready for the socket, in order. A data PDU too large for one frame goes as
    // Fragment PDUs (at most kMaxReassembledBytes of body); every frame is at most
    // kMaxFrameBytes.
    Result<std::vector<Bytes>> encodeFrames(SendDataKind kind, uint16_t channelId, const Pdu &pdu);

    // The same as fast-path frames (Framing.h): for the host's update PDUs only
    // (isFastPathType), and only to viewers that take them. Larger bodies go as fast-path
    // Fragment PDUs.
    Result<std::vector<Bytes>> encodeFastPathFrames(const PduBody &body);

private:
    // body (of data PDU type innerType2) as Fragment PDUs, each framed by frameOne.
    Result<std::vector<Bytes>>
    fragments(uint8_t innerType2, ByteView body,
              const std::function<Result<Bytes>(const FragmentPdu &)> &frameOne);

    uint16_t nextPayloadId_ = 0;
};

} // namespace baton::protocol
