#pragma once

#include "codecs/frame/Region.h"

#include <QByteArray>
#include <QList>

#include <cstdint>
#include <memory>

namespace baton {

// One planned and encoded update, ready for the wire: the complete frames (TPKT + X.224
// + MCS Send-Data Indication on the share's broadcast channel + ASPDU), identical for
// every viewer. Made once by the host's pipeline and shared, never copied or changed,
// by every viewer queue it is sent on — this is "encode once".
struct UpdateBatch {
    // Frame id of the frame begin/end markers inside; viewers acknowledge it.
    uint32_t frameId = 0;
    QList<QByteArray> frames;
    // The window pixels this batch changes (copy destinations included). A viewer that
    // misses the batch adds it to the region it must be caught up on.
    Region region;
    qint64 bytes = 0;

    static std::shared_ptr<const UpdateBatch> make(uint32_t frameId, QList<QByteArray> frames,
                                                   Region region)
    {
        auto batch = std::make_shared<UpdateBatch>();
        batch->frameId = frameId;
        for (const QByteArray &frame : frames)
            batch->bytes += frame.size();
        batch->frames = std::move(frames);
        batch->region = std::move(region);
        return batch;
    }
};

using UpdateBatchPtr = std::shared_ptr<const UpdateBatch>;

} // namespace baton
