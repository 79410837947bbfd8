#include "core/rdp/RdpPictureEncoder.h"

#include <algorithm>
#include <array>
#include <freerdp/codec/color.h>
#include <freerdp/codec/planar.h>
#include <stdexcept>

namespace baton::rdp {
namespace {

constexpr int kTile = RdpPictureEncoder::kMaxTileSize;
// A planar stream without alpha: the format header, the three colour planes and the pad
// byte of raw planes. Run-length encoding that would not fit here is refused by FreeRDP
// (its output is bounded by width × height × 4 for three planes) and sent raw instead.
constexpr std::size_t kScratchBytes = 1 + std::size_t{kTile} * kTile * 4 + 1;
constexpr std::size_t kTileBytes = std::size_t{kTile} * kTile * kBytesPerPixel;

struct PlanarContextFree {
    void operator()(BITMAP_PLANAR_CONTEXT *context) const
    {
        freerdp_bitmap_planar_context_free(context);
    }
};
using PlanarContext = std::unique_ptr<BITMAP_PLANAR_CONTEXT, PlanarContextFree>;

PlanarContext makeContext(DWORD flags)
{
    // NA: the picture is opaque to RDP clients; without an alpha plane FreeRDP's client also
    // never swaps red and blue (freerdp_planar_switch_bgr only applies with alpha).
    PlanarContext context(
        freerdp_bitmap_planar_context_new(PLANAR_FORMAT_HEADER_NA | flags, kTile, kTile));
    if (!context)
        throw std::bad_alloc();
    return context;
}

constexpr int32_t alignDown(int32_t value, int32_t to)
{
    return value / to * to;
}
constexpr int32_t alignUp(int32_t value, int32_t to)
{
    return (value + to - 1) / to * to;
}

} // namespace

struct RdpPictureEncoder::Impl {
    std::shared_ptr<RdpPictureUpdate> encode(const Frame &picture, const Region &changed,
                                             Variants variants);

    PlanarContext rle = makeContext(PLANAR_FORMAT_HEADER_RLE);
    PlanarContext raw = makeContext(0);
    std::array<uint8_t, kScratchBytes> scratch{};
    std::array<uint8_t, kTileBytes> flipped{};
    int64_t rawTiles = 0;

    // FreeRDP's planar encoder always writes the rows of what it is given bottom-up (and
    // refuses a negative stride): the top-down variant compresses the tile turned upside down.
    QByteArray compressTopDown(const Frame &picture, const Rect &tile)
    {
        const auto rowBytes = std::size_t(tile.width) * kBytesPerPixel;
        for (int32_t row = 0; row < tile.height; ++row) {
            const uint8_t *source = picture.data() +
                std::size_t(tile.y + row) * picture.strideBytes() +
                std::size_t(tile.x) * kBytesPerPixel;
            std::copy_n(source, rowBytes,
                        flipped.data() + std::size_t(tile.height - 1 - row) * rowBytes);
        }
        return compress(flipped.data(), uint32_t(rowBytes), tile);
    }

    QByteArray compress(const Frame &picture, const Rect &tile)
    {
        return compress(picture.data() + std::size_t(tile.y) * picture.strideBytes() +
                            std::size_t(tile.x) * kBytesPerPixel,
                        uint32_t(picture.strideBytes()), tile);
    }

    QByteArray compress(const uint8_t *origin, uint32_t strideBytes, const Rect &tile)
    {
        const auto rawSize = uint32_t(2 + 3 * tile.width * tile.height);
        // Baton's BGRA in memory is FreeRDP's BGRX32 (its formats name bytes in memory order).
        uint32_t size = 0;
        // FreeRDP 2.11's run-length encoder writes broken streams, or none, for tiles one or
        // two pixels wide (tst_rdppictureencoder has them). Only a picture's right edge makes
        // tiles narrower than 4 pixels, so those go raw.
        if (tile.width >= 4 &&
            freerdp_bitmap_compress_planar(rle.get(), origin, PIXEL_FORMAT_BGRX32, tile.width,
                                           tile.height, strideBytes, scratch.data(), &size) &&
            size <= rawSize)
            return {reinterpret_cast<const char *>(scratch.data()), qsizetype(size)};
        ++rawTiles;
        if (!freerdp_bitmap_compress_planar(raw.get(), origin, PIXEL_FORMAT_BGRX32, tile.width,
                                            tile.height, strideBytes, scratch.data(), &size))
            throw std::runtime_error("planar: raw planes refused");
        return {reinterpret_cast<const char *>(scratch.data()), qsizetype(size)};
    }
};

std::shared_ptr<RdpPictureUpdate>
RdpPictureEncoder::Impl::encode(const Frame &picture, const Region &changed, Variants variants)
{
    auto update = std::make_shared<RdpPictureUpdate>();
    update->desktopWidth = picture.width();
    update->desktopHeight = picture.height();
    update->bottomUp = variants.bottomUp;
    update->topDown = variants.topDown;
    if (picture.isNull())
        return update;
    const std::vector<Rect> tiles = tilesFor(changed, picture.width(), picture.height());
    update->tiles.reserve(tiles.size());
    for (const Rect &rect : tiles) {
        RdpTile tile{uint16_t(rect.x),
                     uint16_t(rect.y),
                     uint16_t(rect.width),
                     uint16_t(rect.height),
                     {},
                     {}};
        if (variants.bottomUp)
            tile.planar = compress(picture, rect);
        if (variants.topDown)
            tile.planarTopDown = compressTopDown(picture, rect);
        update->bytes += tile.planar.size() + tile.planarTopDown.size();
        update->tiles.push_back(std::move(tile));
    }
    return update;
}

RdpPictureEncoder::RdpPictureEncoder() : impl_(std::make_unique<Impl>())
{
}

RdpPictureEncoder::~RdpPictureEncoder() = default;

int64_t RdpPictureEncoder::rawTileCount() const
{
    return impl_->rawTiles;
}

std::vector<Rect> RdpPictureEncoder::tilesFor(const Region &changed, int32_t pictureWidth,
                                              int32_t pictureHeight)
{
    const Rect picture{0, 0, pictureWidth, pictureHeight};
    const Region clipped = changed.intersected(picture);
    std::vector<Rect> tiles;
    if (clipped.isEmpty())
        return tiles;
    const Rect bounds = clipped.boundingRect();
    const int32_t firstColumn = bounds.x / kTile;
    std::vector<Rect> row(std::size_t(alignUp(bounds.right(), kTile) / kTile - firstColumn));
    for (int32_t top = alignDown(bounds.y, kTile); top < bounds.bottom(); top += kTile) {
        const Rect band{0, top, pictureWidth, kTile};
        std::fill(row.begin(), row.end(), Rect{});
        // The region's rectangles are disjoint and banded; each lands in the cells it spans.
        for (const Rect &rect : clipped.rects()) {
            const Rect part = rect.intersected(band);
            if (part.isEmpty())
                continue;
            for (int32_t column = part.x / kTile; column * kTile < part.right(); ++column) {
                Rect &cell = row[std::size_t(column - firstColumn)];
                cell = cell.united(part.intersected({column * kTile, top, kTile, kTile}));
            }
        }
        for (const Rect &cell : row) {
            if (cell.isEmpty())
                continue;
            const int32_t left = alignDown(cell.x, 4);
            const int32_t right = std::min(alignUp(cell.right(), 4), pictureWidth);
            tiles.push_back(Rect::fromEdges(left, cell.y, right, cell.bottom()));
        }
    }
    return tiles;
}

std::shared_ptr<RdpPictureUpdate>
RdpPictureEncoder::encode(const Frame &picture, const Region &changed, Variants variants)
{
    return impl_->encode(picture, changed, variants);
}

std::shared_ptr<RdpPictureUpdate>
RdpPictureEncoder::encode(const Frame &picture, const PictureChange &change, Variants variants)
{
    const Rect bounds = picture.rect();
    const bool inside = std::all_of(
        change.copies.begin(), change.copies.end(), [&](const PictureChange::Copy &copy) {
            const Rect to{copy.toX, copy.toY, copy.source.width, copy.source.height};
            return !copy.source.isEmpty() && bounds.contains(copy.source) && bounds.contains(to);
        });
    if (!inside)
        return impl_->encode(picture, change.damage(), variants);
    auto update = impl_->encode(picture, change.pixels, variants);
    update->copies.reserve(change.copies.size());
    for (const PictureChange::Copy &copy : change.copies) {
        update->copies.push_back({uint16_t(copy.toX), uint16_t(copy.toY),
                                  uint16_t(copy.source.width), uint16_t(copy.source.height),
                                  uint16_t(copy.source.x), uint16_t(copy.source.y)});
    }
    update->bytes += qsizetype(update->copies.size() * sizeof(RdpCopy));
    return update;
}

std::shared_ptr<RdpPictureUpdate> RdpPictureEncoder::encodeWhole(const Frame &picture,
                                                                 Variants variants)
{
    auto update = impl_->encode(picture, Region(picture.rect()), variants);
    update->whole = true;
    return update;
}

} // namespace baton::rdp
