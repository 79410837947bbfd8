#pragma once

#include "UpdateBatch.h"
#include "core/protocol/Pdu.h"
#include "core/protocol/PduEncoder.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace baton {

// Frames a planned update once for every viewer: FrameMarker Begin, the update PDUs,
// FrameMarker End, each as MCS Send-Data Indications from the host on the broadcast
// channel, or as fast-path frames (Fragment PDUs where a payload outgrows a frame). A lone
// TileUpdate or TileCacheHits carries the frame id itself instead of the markers. Numbers
// the frames: frame ids only grow, so a viewer's acknowledgement says how far it got.
class BatchBuilder {
public:
    BatchBuilder(uint16_t hostUserId, uint16_t broadcastChannelId);

    void setShareId(uint32_t shareId) { shareId_ = shareId; }
    // Fast-path frames (docs/protocol.md §2.1) instead of T.128's full headers.
    void setFastPath(bool fastPath) { fastPath_ = fastPath; }
    bool fastPath() const { return fastPath_; }
    uint32_t shareId() const { return shareId_; }
    // The id the next batch will carry (a video picture inside names it too).
    uint32_t nextFrameId() const { return nextFrameId_; }

    // The batch, or null with *error when a PDU does not encode (a planner bug: every
    // field it fills is in range by construction).
    UpdateBatchPtr build(std::vector<protocol::PduBody> pdus, Region region, QString *error);
    // Another form of the batch frameId that build() made, for viewers that cannot read
    // that one as it is (TileVariantPlanner): the same frame id, so that acknowledgements
    // mean the same for everyone.
    UpdateBatchPtr buildVariant(uint32_t frameId, std::vector<protocol::PduBody> pdus,
                                Region region, QString *error);

private:
    UpdateBatchPtr frame(uint32_t frameId, std::vector<protocol::PduBody> pdus, Region region,
                         QString *error);
    bool append(protocol::PduBody body, QList<QByteArray> &frames, QString *error);

    uint16_t hostUserId_;
    uint16_t channelId_;
    uint32_t shareId_ = 0;
    uint32_t nextFrameId_ = 1;
    bool fastPath_ = false;
    protocol::PduEncoder encoder_;
};

} // namespace baton
