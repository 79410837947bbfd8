#include "core/rdp/RdpUpdateSender.h"

#include <algorithm>
#include <freerdp/freerdp.h>
#include <freerdp/peer.h>
#include <freerdp/pointer.h>
#include <freerdp/primary.h>
#include <freerdp/settings.h>
#include <freerdp/update.h>
#include <vector>

namespace baton::rdp {
namespace {

// Room for the Fast-Path and Bitmap Update headers around a batch, and for each tile's
// TS_BITMAP_DATA and compression headers, when batches are sized to the client's
// MultifragMaxRequestSize (the largest update it reassembles).
constexpr uint32_t kBatchOverheadBytes = 1024;
constexpr uint32_t kTileOverheadBytes = 32;
constexpr std::size_t kMaxTilesPerBatch = 4096;
// The raster operation of a plain copy (MS-RDPEGDI 2.2.2.2.1.1.1.7: SRCCOPY).
constexpr uint32_t kSourceCopy = 0xCC;
// The Large Pointer capability's flags (MS-RDPBCGR 2.2.7.2.7); FreeRDP 2 keeps its own names
// for them in a private header.
constexpr uint32_t kLargePointer384 = 0x2;

BYTE *bytes(const QByteArray &data)
{
    // FreeRDP's update structures point at data they only read while sending it.
    return reinterpret_cast<BYTE *>(const_cast<char *>(data.constData()));
}

bool sendBatch(freerdp_peer *peer, std::vector<BITMAP_DATA> &batch)
{
    BITMAP_UPDATE update = {};
    update.count = update.number = uint32_t(batch.size());
    update.rectangles = batch.data();
    // Bulk compressed as the client asked: new lines of text are mostly glyphs its history
    // holds already.
    update.skipCompression = FALSE;
    const bool sent = peer->update->BitmapUpdate(peer->context, &update);
    batch.clear();
    return sent;
}

} // namespace

uint32_t RdpUpdateSender::largePointerFlags()
{
    return 0x1 | kLargePointer384; // 96x96 and 384x384
}

bool RdpUpdateSender::fail(const QString &reason, Error kind)
{
    error_ = reason;
    errorKind_ = kind;
    return false;
}

bool RdpUpdateSender::sendCopies(const std::vector<RdpCopy> &copies)
{
    if (!peer_->settings->OrderSupport[NEG_SCRBLT_INDEX])
        return fail(QStringLiteral("it cannot draw screen-to-screen copies"), Error::ClientLimit);
    // One Orders update (FreeRDP starts another when one fills up), ahead of the update's
    // tiles, which are drawn where the copies left the picture.
    rdpUpdate *update = peer_->update;
    if (!update->BeginPaint(peer_->context))
        return fail(QStringLiteral("sending it a picture update failed"));
    bool sent = true;
    for (const RdpCopy &copy : copies) {
        SCRBLT_ORDER order = {};
        order.nLeftRect = copy.x;
        order.nTopRect = copy.y;
        order.nWidth = copy.width;
        order.nHeight = copy.height;
        order.bRop = kSourceCopy;
        order.nXSrc = copy.fromX;
        order.nYSrc = copy.fromY;
        sent = sent && update->primary->ScrBlt(peer_->context, &order);
    }
    sent = update->EndPaint(peer_->context) && sent;
    if (!sent)
        return fail(QStringLiteral("sending it a picture update failed"));
    return true;
}

bool RdpUpdateSender::sendPicture(const RdpPictureUpdate &update)
{
    if (!update.copies.empty() && !sendCopies(update.copies))
        return false;
    const uint32_t maxBytes = peer_->settings->MultifragMaxRequestSize;
    std::vector<BITMAP_DATA> batch;
    uint32_t batchBytes = kBatchOverheadBytes;
    for (const RdpTile &tile : update.tiles) {
        const auto tileBytes = uint32_t(tile.planar.size()) + kTileOverheadBytes;
        if (tileBytes + kBatchOverheadBytes > maxBytes) {
            return fail(QStringLiteral("its largest update (%1 bytes) cannot hold a %2x%3 tile")
                            .arg(maxBytes)
                            .arg(tile.width)
                            .arg(tile.height),
                        Error::ClientLimit);
        }
        if (!batch.empty() &&
            (batchBytes + tileBytes > maxBytes || batch.size() >= kMaxTilesPerBatch)) {
            if (!sendBatch(peer_, batch))
                return fail(QStringLiteral("sending it a picture update failed"));
            batchBytes = kBatchOverheadBytes;
        }
        BITMAP_DATA data = {};
        data.destLeft = tile.x;
        data.destTop = tile.y;
        data.destRight = tile.x + tile.width - 1;
        data.destBottom = tile.y + tile.height - 1;
        data.width = tile.width;
        data.height = tile.height;
        data.bitsPerPixel = 32;
        data.compressed = TRUE;
        data.bitmapLength = uint32_t(tile.planar.size());
        data.bitmapDataStream = bytes(tile.planar);
        data.cbCompMainBodySize = data.bitmapLength;
        data.cbScanWidth = tile.width * 4;
        data.cbUncompressedSize = uint32_t(tile.width) * tile.height * 4;
        batch.push_back(data);
        batchBytes += tileBytes;
    }
    return batch.empty() || sendBatch(peer_, batch) ||
        fail(QStringLiteral("sending it a picture update failed"));
}

bool RdpUpdateSender::sendPointerLook(const RdpPointerLook &look)
{
    rdpContext *context = peer_->context;
    rdpPointerUpdate *pointer = peer_->update->pointer;
    const rdpSettings *settings = peer_->settings;
    const bool large =
        look.shape.needsLargePointer() && (settings->LargePointerFlag & kLargePointer384);
    const RdpPointerShape &shape =
        look.shape.needsLargePointer() && !large ? look.small : look.shape;
    const auto shapeBytes = uint32_t(shape.xorMask.size() + shape.andMask.size());
    bool sent = false;
    if (!look.visible || shape.isNull() ||
        shapeBytes + kBatchOverheadBytes > settings->MultifragMaxRequestSize) {
        // Hidden; or the default arrow, also for a shape too large for what the client takes.
        POINTER_SYSTEM_UPDATE system = {};
        system.type = look.visible ? SYSPTR_DEFAULT : SYSPTR_NULL;
        sent = pointer->PointerSystem(context, &system);
    } else if (large) {
        POINTER_LARGE_UPDATE update = {};
        update.xorBpp = 32;
        update.cacheIndex = 0;
        update.hotSpotX = shape.hotX;
        update.hotSpotY = shape.hotY;
        update.width = shape.width;
        update.height = shape.height;
        update.lengthAndMask = uint32_t(shape.andMask.size());
        update.lengthXorMask = uint32_t(shape.xorMask.size());
        update.andMaskData = bytes(shape.andMask);
        update.xorMaskData = bytes(shape.xorMask);
        sent = pointer->PointerLarge(context, &update);
    } else {
        POINTER_NEW_UPDATE update = {};
        update.xorBpp = 32;
        POINTER_COLOR_UPDATE &color = update.colorPtrAttr;
        color.cacheIndex = 0;
        color.xPos = shape.hotX;
        color.yPos = shape.hotY;
        color.width = shape.width;
        color.height = shape.height;
        color.lengthAndMask = uint32_t(shape.andMask.size());
        color.lengthXorMask = uint32_t(shape.xorMask.size());
        color.andMaskData = bytes(shape.andMask);
        color.xorMaskData = bytes(shape.xorMask);
        sent = pointer->PointerNew(context, &update);
    }
    return sent || fail(QStringLiteral("sending it the pointer failed"));
}

bool RdpUpdateSender::sendPointerPosition(QPoint position)
{
    POINTER_POSITION_UPDATE update = {};
    update.xPos = uint32_t(std::clamp(position.x(), 0, 0xFFFF));
    update.yPos = uint32_t(std::clamp(position.y(), 0, 0xFFFF));
    return peer_->update->pointer->PointerPosition(peer_->context, &update) ||
        fail(QStringLiteral("sending it the pointer's position failed"));
}

} // namespace baton::rdp
