#pragma once

#include "core/protocol/Bytes.h"
#include "core/protocol/Result.h"

#include <cstddef>
#include <cstdint>

namespace baton::protocol {

// One frame on the wire (docs/protocol.md, "Framing"):
//   TPKT (T.123)          03 00 len_be16            len counts the whole frame
//   X.224 data TPDU       02 F0 80
//   T.125 MCS Send-Data   64|68 initiator_be16 channel_be16 70 PER-length userData
// initiator is PER-encoded as userId - 1001; userData is exactly one ASPDU.

// MCS Send-Data Request travels viewer → host, Send-Data Indication host → viewer.
// FastPath is not MCS: a host → viewer update frame without TPKT, X.224, MCS and share
// headers (below).
enum class SendDataKind : uint8_t {
    FastPath = 0x00,
    Request = 0x64, // DomainMCSPDU index 25 << 2
    Indication = 0x68, // DomainMCSPDU index 26 << 2
};

// T.125 DataPriority. Baton sends High (the 0x70 byte RDP sends); others decode too.
enum class DataPriority : uint8_t { Top = 0, High = 1, Medium = 2, Low = 3 };

inline constexpr uint16_t kMinUserId = 1001; // T.125 dynamic ids start here
inline constexpr size_t kTpktHeaderBytes = 4;
inline constexpr size_t kX224DataBytes = 3;
// The PER length determinant stays in its two-byte form (at most 0x3FFF): the larger,
// fragmented form is something few PER decoders (Wireshark's among them) follow.
inline constexpr size_t kMaxUserDataBytes = 0x3FFF;
inline constexpr size_t kMinFrameBytes = kTpktHeaderBytes + kX224DataBytes + 6 + 1;
inline constexpr size_t kMaxFrameBytes =
    kTpktHeaderBytes + kX224DataBytes + 6 + 2 + kMaxUserDataBytes;
// TPKT itself allows 65,535; a larger length cannot be a Baton frame.
inline constexpr size_t kMaxTpktBytes = 0xFFFF;

struct FrameHeader {
    SendDataKind kind = SendDataKind::Indication;
    uint16_t initiator = kMinUserId; // the sender's user id, >= 1001
    uint16_t channelId = 0; // the share's broadcast channel or a user's own channel
    DataPriority priority = DataPriority::High;

    friend bool operator==(const FrameHeader &, const FrameHeader &) = default;
};

struct Frame {
    FrameHeader header;
    Bytes payload; // the MCS userData: one ASPDU

    friend bool operator==(const Frame &, const Frame &) = default;
};

// Fast-path update frames (docs/protocol.md §2.1), host → viewer, as RDP's fast-path
// output cuts T.128's per-PDU framing of 32 bytes to 3:
//   00 | length (1 byte below 0x80, else 2 bytes big-endian with the top bit set; the
//   whole frame, shortest form) | pduType2 | data PDU body
// The payload of a fast-path Frame is pduType2 + body; its header says only FastPath.
inline constexpr uint8_t kFastPathHeaderByte = 0x00;
inline constexpr size_t kMinFastPathFrameBytes = 3;
inline constexpr size_t kMaxFastPathFrameBytes = kMaxFrameBytes;

// Bytes of framing around a payload of payloadBytes (14 or 15; 2 or 3 for fast-path).
size_t frameOverheadBytes(size_t payloadBytes);
size_t fastPathOverheadBytes(size_t payloadBytes);

// Encodes a fast-path frame around payload (pduType2 + body). Fails (TooLarge) when the
// frame would exceed kMaxFastPathFrameBytes.
Result<Bytes> encodeFastPathFrame(ByteView payload);

// Encodes one frame. Fails (BadValue) for an initiator below 1001 and (TooLarge) for a
// payload above kMaxUserDataBytes.
Result<Bytes> encodeFrame(const FrameHeader &header, ByteView payload);

// Decodes exactly one complete frame (the FrameDecoder does this for a byte stream); a
// fast-path frame only when acceptFastPath.
Result<Frame> decodeFrame(ByteView frame, bool acceptFastPath = false);

} // namespace baton::protocol
