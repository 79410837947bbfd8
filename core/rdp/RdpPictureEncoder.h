#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/frame/Region.h"
#include "core/rdp/RdpVideoFrame.h"
#include "core/viewer/PictureChange.h"

#include <QByteArray>

#include <cstdint>
#include <memory>
#include <vector>

namespace baton::rdp {

// One tile of the picture as a 32-bpp Bitmap Update rectangle (TS_BITMAP_DATA), compressed
// once with the RDP 6.0 planar codec (MS-RDPEGDI 2.2.2.5.1, lossless) and sent to every
// client as it is: destLeft/destTop = x/y, destRight/destBottom = x + width - 1 /
// y + height - 1, width/height as here, bitsPerPixel 32, compressed.
struct RdpTile {
    uint16_t x = 0;
    uint16_t y = 0;
    uint16_t width = 0;
    uint16_t height = 0;
    // One planar stream: no alpha plane (clients paint the pixels opaque), the colour planes
    // run-length encoded, or raw where that is smaller; rows bottom-up, as the Bitmap Update
    // carries them (clients decode with a vertical flip). Empty unless asked for.
    QByteArray planar;
    // The same with rows top-down, as the graphics pipeline's planar surface command
    // (MS-RDPEGFX 2.2.2.1, RDPGFX_CODECID_PLANAR) carries them: FreeRDP's client decodes those
    // without a flip. Empty unless asked for.
    QByteArray planarTopDown;
};

// A screen-to-screen copy (the ScrBlt order with SRCCOPY; the graphics pipeline's
// SurfaceToSurface): the width x height pixels at fromX, fromY drawn at x, y. Both lie inside
// the picture.
struct RdpCopy {
    uint16_t x = 0;
    uint16_t y = 0;
    uint16_t width = 0;
    uint16_t height = 0;
    uint16_t fromX = 0;
    uint16_t fromY = 0;
};

// One change of the picture for every RDP client.
struct RdpPictureUpdate {
    int desktopWidth = 0;
    int desktopHeight = 0;
    // Replayed before the tiles, in order, each from the picture as the earlier ones left it.
    // They move what the previous update left: a client may replay them only when it drew
    // every update since its last whole picture (RdpClientQueue drops nothing but whole runs,
    // and gives the whole picture after a drop).
    std::vector<RdpCopy> copies;
    std::vector<RdpTile> tiles; // at most kMaxTileSize square, covering the changed region
    qsizetype bytes = 0; // the tiles' compressed bytes together, every variant, and the copies
    bool bottomUp = false; // which variants the tiles carry
    bool topDown = false;
    // The whole picture (encodeWhole): what a client gets after joining or falling behind,
    // so a video stream it had is interrupted there.
    bool whole = false;
    // The host's video pictures that changed the picture since the previous update, in
    // order, for the graphics pipeline's AVC420 clients (RdpServer adds them): tiles inside
    // their rects repeat what those clients decode themselves.
    std::vector<RdpVideoFramePtr> video;
};
using RdpPictureUpdatePtr = std::shared_ptr<const RdpPictureUpdate>;

// Which row orders to compress each tile in: each costs one compression per tile, so the
// server asks only for those its clients need (bottom-up for Bitmap Updates, top-down for the
// graphics pipeline).
struct RdpPlanarVariants {
    bool bottomUp = true;
    bool topDown = false;
    bool operator==(const RdpPlanarVariants &) const = default;
};

// Turns a picture and what changed in it into tiles, once for every client. Not thread-safe:
// one encoder per server, used on the server's thread.
//
// The tiles lie on a grid of kMaxTileSize cells: a cell the change touches gives one tile,
// the bounding box of the change inside that cell, widened to multiples of 4 pixels
// horizontally (what RDP servers send; only the picture's right edge can end a tile
// elsewhere) and clipped to the picture. Tiles come in rows, top to bottom, left to right.
class RdpPictureEncoder {
public:
    static constexpr int kMaxTileSize = 64;
    using Variants = RdpPlanarVariants;

    RdpPictureEncoder();
    ~RdpPictureEncoder();
    RdpPictureEncoder(const RdpPictureEncoder &) = delete;
    RdpPictureEncoder &operator=(const RdpPictureEncoder &) = delete;

    // picture: BGRA (its alpha is not sent); changed: in the picture's pixels, clipped to it.
    // An empty change gives an update without tiles. Never null; the caller may add to it
    // before sharing it.
    std::shared_ptr<RdpPictureUpdate> encode(const Frame &picture, const Region &changed,
                                             Variants variants = {});
    // The copies as they are and tiles for change.pixels only; a change whose copies do not
    // all lie inside the picture is encoded as tiles of its whole damage instead.
    std::shared_ptr<RdpPictureUpdate> encode(const Frame &picture, const PictureChange &change,
                                             Variants variants = {});
    std::shared_ptr<RdpPictureUpdate> encodeWhole(const Frame &picture, Variants variants = {});

    // The tiles sent as raw planes since this encoder was made: those whose run-length
    // encoding failed or came out larger (noise), and those under 4 pixels wide, which
    // FreeRDP's run-length encoder gets wrong.
    int64_t rawTileCount() const;

    // The tiles encode() makes for a change of a picture of that size.
    static std::vector<Rect> tilesFor(const Region &changed, int32_t pictureWidth,
                                      int32_t pictureHeight);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace baton::rdp
