#include "core/protocol/Framing.h"

#include "core/protocol/PduReader.h"
#include "core/protocol/PduWriter.h"

namespace baton::protocol {

namespace {

constexpr uint8_t kTpktVersion = 0x03;
constexpr uint8_t kX224Data[] = {0x02, 0xF0, 0x80};
constexpr uint8_t kSegmentationBeginEnd = 0x3;

} // namespace

size_t frameOverheadBytes(size_t payloadBytes)
{
    return kTpktHeaderBytes + kX224DataBytes + 6 + (payloadBytes < 0x80 ? 1 : 2);
}

size_t fastPathOverheadBytes(size_t payloadBytes)
{
    return payloadBytes + 2 < 0x80 ? 2 : 3;
}

Result<Bytes> encodeFastPathFrame(ByteView payload)
{
    if (payload.empty())
        return ProtocolError{ErrorCode::BadValue, 0, "fast-path frame without pduType2"};
    const size_t length = fastPathOverheadBytes(payload.size()) + payload.size();
    if (length > kMaxFastPathFrameBytes)
        return ProtocolError{ErrorCode::TooLarge, 0, "fast-path frame"};
    PduWriter w;
    w.u8(kFastPathHeaderByte);
    if (length < 0x80)
        w.u8(uint8_t(length));
    else
        w.u16be(uint16_t(0x8000 | length));
    w.bytes(payload);
    return w.take();
}

Result<Bytes> encodeFrame(const FrameHeader &header, ByteView payload)
{
    if (header.kind == SendDataKind::FastPath)
        return encodeFastPathFrame(payload);
    if (header.initiator < kMinUserId)
        return ProtocolError{ErrorCode::BadValue, 0, "MCS initiator below 1001"};
    if (payload.size() > kMaxUserDataBytes)
        return ProtocolError{ErrorCode::TooLarge, 0, "MCS userData"};
    if (header.kind != SendDataKind::Request && header.kind != SendDataKind::Indication)
        return ProtocolError{ErrorCode::BadValue, 0, "MCS PDU kind"};

    PduWriter w;
    w.u8(kTpktVersion);
    w.u8(0);
    w.u16be(uint16_t(frameOverheadBytes(payload.size()) + payload.size()));
    w.bytes(kX224Data);
    w.u8(uint8_t(header.kind));
    w.u16be(uint16_t(header.initiator - kMinUserId));
    w.u16be(header.channelId);
    w.u8(uint8_t((uint8_t(header.priority) & 0x3) << 6 | kSegmentationBeginEnd << 4));
    if (payload.size() < 0x80)
        w.u8(uint8_t(payload.size()));
    else
        w.u16be(uint16_t(0x8000 | payload.size()));
    w.bytes(payload);
    return w.take();
}

namespace {

Result<Frame> decodeFastPath(ByteView bytes)
{
    PduReader r(bytes);
    r.u8();
    const uint8_t first = r.u8();
    size_t length = first;
    if (first & 0x80) {
        length = size_t(first & 0x7F) << 8 | r.u8();
        // Up to 128 bytes the frame fits the one-byte form (its header one byte shorter).
        if (r.ok() && length <= 0x80)
            r.failAt(1, ErrorCode::BadValue, "fast-path length not in its shortest form");
    }
    if (r.ok() && length != bytes.size())
        r.failAt(1, ErrorCode::LengthMismatch, "fast-path length");
    if (r.ok() && r.remaining() == 0)
        r.failAt(r.offset(), ErrorCode::Truncated, "fast-path pduType2");
    Frame frame;
    frame.header.kind = SendDataKind::FastPath;
    frame.payload = r.copyBytes(r.remaining());
    if (!r.ok())
        return *r.error();
    return frame;
}

} // namespace

Result<Frame> decodeFrame(ByteView bytes, bool acceptFastPath)
{
    if (acceptFastPath && !bytes.empty() && bytes[0] == kFastPathHeaderByte)
        return decodeFastPath(bytes);
    PduReader r(bytes);
    if (r.u8() != kTpktVersion && r.ok())
        r.failAt(0, ErrorCode::UnknownType, "TPKT version");
    r.zeros(1, "TPKT reserved");
    const size_t tpktLength = r.u16be();
    if (r.ok() && tpktLength != bytes.size())
        r.failAt(2, ErrorCode::LengthMismatch, "TPKT length");
    for (uint8_t expected : kX224Data) {
        if (r.u8() != expected && r.ok())
            r.failAt(r.offset() - 1, ErrorCode::UnknownType, "X.224 data TPDU");
    }

    Frame frame;
    const uint8_t kind = r.u8();
    if (r.ok() && kind != uint8_t(SendDataKind::Request) &&
        kind != uint8_t(SendDataKind::Indication))
        r.failAt(r.offset() - 1, ErrorCode::UnknownType, "MCS PDU (not Send-Data)");
    frame.header.kind = SendDataKind(kind);
    const uint16_t initiator = r.u16be();
    if (r.ok() && initiator > 0xFFFF - kMinUserId)
        r.failAt(r.offset() - 2, ErrorCode::BadValue, "MCS initiator");
    frame.header.initiator = uint16_t(initiator + kMinUserId);
    frame.header.channelId = r.u16be();
    const uint8_t flags = r.u8();
    frame.header.priority = DataPriority(flags >> 6);
    if (r.ok() && ((flags >> 4) & 0x3) != kSegmentationBeginEnd)
        r.failAt(r.offset() - 1, ErrorCode::Unsupported, "MCS segmentation");
    else if (r.ok() && (flags & 0x0F) != 0)
        r.failAt(r.offset() - 1, ErrorCode::BadValue, "MCS padding bits");

    const size_t lengthAt = r.offset();
    const uint8_t first = r.u8();
    size_t userDataLength = first;
    if ((first & 0xC0) == 0xC0) {
        r.failAt(lengthAt, ErrorCode::Unsupported, "PER fragmented length");
    } else if (first & 0x80) {
        userDataLength = size_t(first & 0x3F) << 8 | r.u8();
        if (r.ok() && userDataLength < 0x80)
            r.failAt(lengthAt, ErrorCode::BadValue, "PER length not in its shortest form");
    }
    if (r.ok() && userDataLength != r.remaining())
        r.failAt(lengthAt, ErrorCode::LengthMismatch, "MCS userData length");
    frame.payload = r.copyBytes(userDataLength);
    if (!r.ok())
        return *r.error();
    return frame;
}

} // namespace baton::protocol
