#include "BatchBuilder.h"

#include "core/protocol/ProtocolError.h"

namespace baton {

using namespace protocol;

BatchBuilder::BatchBuilder(uint16_t hostUserId, uint16_t broadcastChannelId)
    : hostUserId_(hostUserId), channelId_(broadcastChannelId)
{
}

bool BatchBuilder::append(PduBody body, QList<QByteArray> &frames, QString *error)
{
    Pdu pdu;
    pdu.context.source = hostUserId_;
    pdu.context.shareId = shareId_;
    pdu.context.stream = StreamId::Medium;
    pdu.body = std::move(body);
    auto encoded = fastPath_ ? encoder_.encodeFastPathFrames(pdu.body)
                             : encoder_.encodeFrames(SendDataKind::Indication, channelId_, pdu);
    if (!encoded) {
        if (error)
            *error = QString::fromStdString(encoded.error().toString());
        return false;
    }
    for (const Bytes &frame : *encoded)
        frames.append(
            QByteArray(reinterpret_cast<const char *>(frame.data()), qsizetype(frame.size())));
    return true;
}

UpdateBatchPtr BatchBuilder::build(std::vector<PduBody> pdus, Region region, QString *error)
{
    return frame(nextFrameId_++, std::move(pdus), std::move(region), error);
}

UpdateBatchPtr BatchBuilder::buildVariant(uint32_t frameId, std::vector<PduBody> pdus,
                                          Region region, QString *error)
{
    return frame(frameId, std::move(pdus), std::move(region), error);
}

UpdateBatchPtr BatchBuilder::frame(uint32_t frameId, std::vector<PduBody> pdus, Region region,
                                   QString *error)
{
    QList<QByteArray> frames;
    // A batch of one TileUpdate or TileCacheHits is a picture by itself (docs/protocol.md
    // §16.2): its frame id replaces the two markers, which would cost more than a
    // keystroke's glyph.
    if (pdus.size() == 1) {
        auto *tiles = std::get_if<TileUpdatePdu>(&pdus.front());
        auto *hits = std::get_if<TileCacheHitsPdu>(&pdus.front());
        if (tiles || hits) {
            (tiles ? tiles->frameId : hits->frameId) = frameId;
            if (!append(std::move(pdus.front()), frames, error))
                return nullptr;
            return UpdateBatch::make(frameId, std::move(frames), std::move(region));
        }
    }
    frames.reserve(qsizetype(pdus.size()) + 2);
    if (!append(FrameMarkerPdu{FrameMarkerAction::Begin, frameId}, frames, error))
        return nullptr;
    for (PduBody &body : pdus)
        if (!append(std::move(body), frames, error))
            return nullptr;
    if (!append(FrameMarkerPdu{FrameMarkerAction::End, frameId}, frames, error))
        return nullptr;
    return UpdateBatch::make(frameId, std::move(frames), std::move(region));
}

} // namespace baton
