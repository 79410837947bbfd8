#include "core/protocol/PduDecoder.h"

#include "core/protocol/PduReader.h"
#include "core/protocol/ShareControlHeader.h"
#include "core/protocol/ShareDataHeader.h"

namespace baton::protocol {

namespace {

constexpr size_t kPduTypeOffset = 2;
constexpr size_t kUncompressedLengthOffset = ShareControlHeader::kBytes + 6;

PduBody readUpdate(PduReader &r)
{
    switch (UpdateType(r.peek16())) {
    case UpdateType::Orders:
        return OrdersUpdatePdu::read(r);
    case UpdateType::Bitmap:
        return BitmapUpdatePdu::read(r);
    case UpdateType::Synchronize:
        return UpdateSynchronizePdu::read(r);
    case UpdateType::Palette:
        break;
    }
    r.fail(r.remaining() < 2 ? ErrorCode::Truncated : ErrorCode::UnknownType, "updateType");
    return {};
}

PduBody readPointer(PduReader &r)
{
    switch (PointerMessageType(r.peek16())) {
    case PointerMessageType::System:
        return PointerSystemPdu::read(r);
    case PointerMessageType::Position:
        return PointerPositionPdu::read(r);
    case PointerMessageType::Color:
        return PointerColorPdu::read(r);
    case PointerMessageType::Cached:
        return PointerCachedPdu::read(r);
    case PointerMessageType::New:
        return PointerNewPdu::read(r);
    }
    r.fail(r.remaining() < 2 ? ErrorCode::Truncated : ErrorCode::UnknownType,
           "pointer messageType");
    return {};
}

// typeOffset: where pduType2 sits, for the error of an unknown one.
PduBody readDataBody(PduReader &r, uint8_t pduType2, size_t typeOffset)
{
    switch (PduType2(pduType2)) {
    case PduType2::Update:
        return readUpdate(r);
    case PduType2::Control:
        return ControlPdu::read(r);
    case PduType2::Pointer:
        return readPointer(r);
    case PduType2::Input:
        return InputPdu::read(r);
    case PduType2::Synchronize:
        return SynchronizePdu::read(r);
    case PduType2::Hello:
        return HelloPdu::read(r);
    case PduType2::Welcome:
        return WelcomePdu::read(r);
    case PduType2::Goodbye:
        return GoodbyePdu::read(r);
    case PduType2::FloorRequest:
        return FloorRequestPdu::read(r);
    case PduType2::FloorDecision:
        return FloorDecisionPdu::read(r);
    case PduType2::FloorPassTo:
        return FloorPassToPdu::read(r);
    case PduType2::FloorRelease:
        return FloorReleasePdu::read(r);
    case PduType2::FloorRevoke:
        return FloorRevokePdu::read(r);
    case PduType2::FloorQueueState:
        return FloorQueueStatePdu::read(r);
    case PduType2::FrameMarker:
        return FrameMarkerPdu::read(r);
    case PduType2::FrameAck:
        return FrameAckPdu::read(r);
    case PduType2::TileUpdate:
        return TileUpdatePdu::read(r);
    case PduType2::TileCacheHits:
        return TileCacheHitsPdu::read(r);
    case PduType2::VideoRegionUpdate:
        return VideoRegionUpdatePdu::read(r);
    case PduType2::Fragment:
        return FragmentPdu::read(r);
    case PduType2::RosterJoin:
        return RosterJoinPdu::read(r);
    case PduType2::RosterLeave:
        return RosterLeavePdu::read(r);
    case PduType2::RosterName:
        return RosterNamePdu::read(r);
    case PduType2::RosterRole:
        return RosterRolePdu::read(r);
    case PduType2::RosterFloorState:
        return RosterFloorStatePdu::read(r);
    case PduType2::WindowList:
        return WindowListPdu::read(r);
    case PduType2::GatewayMemberJoin:
        return GatewayMemberJoinPdu::read(r);
    case PduType2::GatewayMemberAdmit:
        return GatewayMemberAdmitPdu::read(r);
    case PduType2::GatewayMemberLeave:
        return GatewayMemberLeavePdu::read(r);
    }
    r.failAt(typeOffset, ErrorCode::UnknownType, "pduType2");
    return {};
}

PduBody readControlBody(PduReader &r, PduType type)
{
    switch (type) {
    case PduType::DemandActive:
        return DemandActivePdu::read(r);
    case PduType::ConfirmActive:
        return ConfirmActivePdu::read(r);
    case PduType::DeactivateAll:
        return DeactivateAllPdu::read(r);
    case PduType::RequestActive:
    case PduType::DeactivateOther:
    case PduType::DeactivateSelf:
    case PduType::Data:
        break;
    }
    r.failAt(kPduTypeOffset, ErrorCode::Unsupported, "share control pduType");
    return {};
}

} // namespace

Result<Pdu> PduDecoder::decode(ByteView aspdu)
{
    if (aspdu.size() > kMaxUserDataBytes)
        return ProtocolError{ErrorCode::TooLarge, 0, "PDU larger than a frame"};
    PduReader r(aspdu);
    Pdu pdu;
    const ShareControlHeader control = ShareControlHeader::read(r);
    if (r.ok() && control.totalLength != aspdu.size())
        r.failAt(0, ErrorCode::LengthMismatch, "share control totalLength");
    pdu.context.source = control.source;
    if (r.ok() && control.type == PduType::Data) {
        const ShareDataHeader data = ShareDataHeader::read(r);
        if (r.ok() && data.uncompressedLength != aspdu.size() - ShareDataHeader::kUncountedBytes)
            r.failAt(kUncompressedLengthOffset, ErrorCode::LengthMismatch, "uncompressedLength");
        pdu.context.shareId = data.shareId;
        pdu.context.stream = data.stream;
        if (r.ok())
            pdu.body = readDataBody(r, data.pduType2, r.offset() - 4);
    } else if (r.ok()) {
        pdu.body = readControlBody(r, control.type);
    }
    r.expectEnd("bytes after the PDU body");
    if (!r.ok())
        return *r.error();
    return pdu;
}

Result<PduBody> PduDecoder::decodeDataBody(uint8_t pduType2, ByteView body)
{
    PduReader r(body);
    PduBody decoded = readDataBody(r, pduType2, 0);
    r.expectEnd("bytes after the PDU body");
    if (!r.ok())
        return *r.error();
    return decoded;
}

Result<Pdu> PduDecoder::decodeFastPath(ByteView payload) const
{
    if (payload.empty())
        return ProtocolError{ErrorCode::Truncated, 0, "fast-path pduType2"};
    if (!isFastPathType(payload[0]))
        return ProtocolError{ErrorCode::Unsupported, 0, "PDU type not carried on the fast path"};
    auto body = decodeDataBody(payload[0], payload.subspan(1));
    if (!body) {
        ProtocolError error = body.error();
        error.offset += 1;
        return error;
    }
    return Pdu{fastPathContext_, std::move(body).value()};
}

Result<std::optional<Pdu>> PduDecoder::decodeFrame(const Frame &frame)
{
    const bool fastPath = frame.header.kind == SendDataKind::FastPath;
    auto pdu = fastPath ? decodeFastPath(frame.payload) : decode(frame.payload);
    if (!pdu)
        return pdu.error();
    if (!fastPath && pdu->context.source != frame.header.initiator)
        return ProtocolError{ErrorCode::BadValue, 4, "pduSource differs from MCS initiator"};
    const auto *fragment = std::get_if<FragmentPdu>(&pdu->body);
    if (!fragment)
        return std::optional<Pdu>(std::move(pdu).value());
    if (fastPath && (!isFastPathType(fragment->innerPduType2) ||
                     fragment->innerPduType2 == uint8_t(PduType2::Fragment)))
        return ProtocolError{ErrorCode::Unsupported, 0, "PDU type not carried on the fast path"};

    auto completed = reassembler_.add(pdu->context.source, pdu->context.shareId, *fragment);
    if (!completed)
        return completed.error();
    if (!completed->has_value())
        return std::optional<Pdu>();
    auto body = decodeDataBody((*completed)->pduType2, (*completed)->body);
    if (!body)
        return body.error();
    return std::optional<Pdu>(Pdu{pdu->context, std::move(body).value()});
}

} // namespace baton::protocol
