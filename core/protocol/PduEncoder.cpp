#include "core/protocol/PduEncoder.h"

#include "core/protocol/PduWriter.h"
#include "core/protocol/ShareControlHeader.h"
#include "core/protocol/ShareDataHeader.h"

#include <type_traits>

namespace baton::protocol {

namespace {

constexpr size_t kDataHeadersBytes = ShareControlHeader::kBytes + ShareDataHeader::kBytes;

template <typename T>
concept DataPduBody = requires
{
    T::kType2;
};

struct BodyKind {
    bool isData = true;
    uint8_t type = 0; // pduType2 for data PDUs, pduType otherwise
};

BodyKind writeBody(PduWriter &w, const PduBody &body)
{
    return std::visit(
        [&](const auto &pdu) {
            using T = std::decay_t<decltype(pdu)>;
            pdu.write(w);
            if constexpr (DataPduBody<T>)
                return BodyKind{true, uint8_t(T::kType2)};
            else
                return BodyKind{false, uint8_t(T::kPduType)};
        },
        body);
}

Result<Bytes> wrap(const PduContext &context, BodyKind kind, ByteView body)
{
    const size_t total =
        (kind.isData ? kDataHeadersBytes : ShareControlHeader::kBytes) + body.size();
    if (total > kMaxUserDataBytes)
        return ProtocolError{ErrorCode::TooLarge, total, "PDU larger than a frame"};
    PduWriter w;
    ShareControlHeader control;
    control.totalLength = uint16_t(total);
    control.type = kind.isData ? PduType::Data : PduType(kind.type);
    control.source = context.source;
    control.write(w);
    if (kind.isData) {
        ShareDataHeader data;
        data.shareId = context.shareId;
        data.stream = context.stream;
        data.uncompressedLength = uint16_t(total - ShareDataHeader::kUncountedBytes);
        data.pduType2 = kind.type;
        data.write(w);
    }
    w.bytes(body);
    return w.take();
}

Result<Bytes> frameOf(SendDataKind kind, uint16_t channelId, uint16_t source, Result<Bytes> aspdu)
{
    if (!aspdu)
        return aspdu.error();
    return encodeFrame({kind, source, channelId, DataPriority::High}, *aspdu);
}

} // namespace

Result<Bytes> PduEncoder::encode(const Pdu &pdu)
{
    PduWriter body;
    const BodyKind kind = writeBody(body, pdu.body);
    if (!body.ok())
        return *body.error();
    return wrap(pdu.context, kind, body.data());
}

Result<Bytes> PduEncoder::encodeFrame(SendDataKind kind, uint16_t channelId, const Pdu &pdu)
{
    return frameOf(kind, channelId, pdu.context.source, encode(pdu));
}

Result<std::vector<Bytes>> PduEncoder::encodeFrames(SendDataKind kind, uint16_t channelId,
                                                    const Pdu &pdu)
{
    PduWriter body;
    const BodyKind bodyKind = writeBody(body, pdu.body);
    if (!body.ok())
        return *body.error();
    const ByteView bytes = body.data();
    std::vector<Bytes> frames;

    if (bytes.size() + kDataHeadersBytes <= kMaxUserDataBytes || !bodyKind.isData ||
        bodyKind.type == uint8_t(PduType2::Fragment)) {
        auto frame =
            frameOf(kind, channelId, pdu.context.source, wrap(pdu.context, bodyKind, bytes));
        if (!frame)
            return frame.error();
        frames.push_back(std::move(frame).value());
        return frames;
    }
    return fragments(bodyKind.type, bytes, [&](const FragmentPdu &fragment) {
        return encodeFrame(kind, channelId, {pdu.context, fragment});
    });
}

Result<std::vector<Bytes>>
PduEncoder::fragments(uint8_t innerType2, ByteView body,
                      const std::function<Result<Bytes>(const FragmentPdu &)> &frameOne)
{
    if (body.size() > FragmentPdu::kMaxReassembledBytes)
        return ProtocolError{ErrorCode::TooLarge, body.size(), "PDU beyond the reassembly limit"};
    FragmentPdu fragment;
    fragment.payloadId = nextPayloadId_++;
    fragment.count =
        uint16_t((body.size() + FragmentPdu::kMaxChunkBytes - 1) / FragmentPdu::kMaxChunkBytes);
    fragment.innerPduType2 = innerType2;
    fragment.totalLength = uint32_t(body.size());
    std::vector<Bytes> frames;
    for (size_t offset = 0; offset < body.size(); offset += FragmentPdu::kMaxChunkBytes) {
        const ByteView chunk =
            body.subspan(offset, std::min(FragmentPdu::kMaxChunkBytes, body.size() - offset));
        fragment.chunk.assign(chunk.begin(), chunk.end());
        auto frame = frameOne(fragment);
        if (!frame)
            return frame.error();
        frames.push_back(std::move(frame).value());
        ++fragment.index;
    }
    return frames;
}

Result<std::vector<Bytes>> PduEncoder::encodeFastPathFrames(const PduBody &body)
{
    PduWriter writer;
    writer.u8(0); // pduType2, filled in below
    const BodyKind kind = writeBody(writer, body);
    if (!writer.ok())
        return *writer.error();
    if (!kind.isData || !isFastPathType(kind.type))
        return ProtocolError{ErrorCode::Unsupported, 0, "PDU type not sent on the fast path"};
    Bytes payload = writer.take();
    payload[0] = kind.type;

    std::vector<Bytes> frames;
    if (payload.size() + fastPathOverheadBytes(payload.size()) <= kMaxFastPathFrameBytes ||
        kind.type == uint8_t(PduType2::Fragment)) {
        auto frame = encodeFastPathFrame(payload);
        if (!frame)
            return frame.error();
        frames.push_back(std::move(frame).value());
        return frames;
    }
    return fragments(kind.type, ByteView(payload).subspan(1), [this](const FragmentPdu &fragment) {
        auto framed = encodeFastPathFrames(fragment); // a fragment is never split again
        return framed ? Result<Bytes>(std::move(framed->front())) : Result<Bytes>(framed.error());
    });
}

} // namespace baton::protocol
