#include "codecs/tile/TileEncoder.h"

#include "codecs/tile/ColourTable.h"
#include "codecs/tile/IndexRuns.h"
#include "codecs/tile/RowFilters.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>

namespace baton::tile {
namespace {

// A palette payload above this many bytes per pixel may lose to the generic path
// (photographic content that happens to fit 256 colours), so that is tried too; text
// and UI tiles stay far below it.
constexpr std::size_t kTryGenericAbovePaletteBytesPerPixel = 1;

// With more colours than this (8-bit indices, anti-aliased text), the indices are sent
// as plain bytes: zstd then sees repeated glyph rows byte-aligned, which index runs
// would break up. With fewer (packed at 1, 2 or 4 bits), runs are smaller.
constexpr std::size_t kPlainIndicesAboveColours = 16;

// A tile may escape at most one pixel in this many from its palette; beyond, escaped
// colours cost more than the generic path saves (photographs reach it within a row).
constexpr std::size_t kPixelsPerEscape = 4;

// Palette bodies shorter than this are never worth a zstd frame (its header alone is
// several bytes).
constexpr std::size_t kMinZstdBodyBytes = 48;

void appendHeader(uint8_t flags, int32_t width, int32_t height, std::vector<uint8_t> &out)
{
    out.push_back(flags);
    out.push_back(static_cast<uint8_t>(width));
    out.push_back(static_cast<uint8_t>(width >> 8));
    out.push_back(static_cast<uint8_t>(height));
    out.push_back(static_cast<uint8_t>(height >> 8));
}

void appendColour(uint32_t bgra, bool opaque, std::vector<uint8_t> &out)
{
    out.push_back(static_cast<uint8_t>(bgra));
    out.push_back(static_cast<uint8_t>(bgra >> 8));
    out.push_back(static_cast<uint8_t>(bgra >> 16));
    if (!opaque)
        out.push_back(static_cast<uint8_t>(bgra >> 24));
}

// target[i] = rank[indices[i]]; target may be indices. Eight indices per load and
// per store: byte by byte, each load waits on the store before it whenever the two
// buffers sit a multiple of 4 KiB apart (the CPU cannot tell them apart).
void renumberInto(std::span<const uint8_t> indices, const std::array<uint8_t, kMaxPaletteColours> &rank,
                  uint8_t *target)
{
    std::size_t i = 0;
    for (; i + 8 <= indices.size(); i += 8) {
        uint64_t in = 0;
        std::memcpy(&in, indices.data() + i, 8);
        const auto at = [&](int shift) { return uint64_t{rank[(in >> shift) & 0xFF]} << shift; };
        const uint64_t renumbered = at(0) | at(8) | at(16) | at(24) | at(32) | at(40) | at(48) | at(56);
        std::memcpy(target + i, &renumbered, 8);
    }
    for (; i < indices.size(); ++i)
        target[i] = rank[indices[i]];
}

uint8_t kindFlags(TileKind kind, bool opaque)
{
    return static_cast<uint8_t>(static_cast<uint8_t>(kind) | (opaque ? kOpaqueFlag : 0));
}

} // namespace

TileEncoder::TileEncoder() : zstd_(ZSTD_createCCtx())
{
    if (!zstd_)
        throw std::bad_alloc();
    // The decoder needs the content size (it bounds every frame by it); a checksum
    // and a dictionary id would only cost bytes: TLS already protects the payload.
    ZSTD_CCtx_setParameter(zstd_.get(), ZSTD_c_compressionLevel, kZstdLevel);
    ZSTD_CCtx_setParameter(zstd_.get(), ZSTD_c_contentSizeFlag, 1);
    ZSTD_CCtx_setParameter(zstd_.get(), ZSTD_c_checksumFlag, 0);
    ZSTD_CCtx_setParameter(zstd_.get(), ZSTD_c_dictIDFlag, 0);
}

bool TileEncoder::compressInto(std::span<const uint8_t> body, std::vector<uint8_t> &out)
{
    const std::size_t start = out.size();
    out.resize(start + ZSTD_compressBound(body.size()));
    const std::size_t written =
        ZSTD_compress2(zstd_.get(), out.data() + start, out.size() - start, body.data(), body.size());
    if (ZSTD_isError(written) || written >= body.size()) {
        out.resize(start);
        return false;
    }
    out.resize(start + written);
    return true;
}

TileKind TileEncoder::encode(const FrameView &tile, std::vector<uint8_t> &out)
{
    if (tile.isNull() || !Frame::isValidSize(tile.width(), tile.height()))
        throw std::invalid_argument("TileEncoder: tile size outside 1…16384");

    const std::size_t pixels = static_cast<std::size_t>(tile.width()) * tile.height();
    const PaletteFit fit = palette_.build(tile, pixels / kPixelsPerEscape);
    const bool opaque = palette_.opaque();
    if (fit == PaletteFit::TooManyColours) {
        encodeGeneric(tile, opaque, out);
        return TileKind::Generic;
    }
    if (fit == PaletteFit::Palette && palette_.colours().size() == 1) {
        appendHeader(kindFlags(TileKind::Solid, opaque), tile.width(), tile.height(), out);
        appendColour(palette_.colours().front(), opaque, out);
        return TileKind::Solid;
    }
    const std::size_t start = out.size();
    encodePalette(tile, fit == PaletteFit::WithEscapes, out);
    // Photographic tiles that just fit a palette can still lose to the generic path;
    // only then is the second attempt worth its time.
    if (out.size() - start < pixels * kTryGenericAbovePaletteBytesPerPixel)
        return TileKind::Palette;
    alternative_.clear();
    encodeGeneric(tile, opaque, alternative_);
    if (alternative_.size() >= out.size() - start)
        return TileKind::Palette;
    out.resize(start);
    out.insert(out.end(), alternative_.begin(), alternative_.end());
    return TileKind::Generic;
}

void TileEncoder::encodePalette(const FrameView &tile, bool escapes, std::vector<uint8_t> &out)
{
    const bool opaque = palette_.opaque();
    const std::vector<uint32_t> &colours = palette_.colours();
    const std::size_t count = colours.size();

    // Large tables are sorted (ColourTable's deltas are then small) and the indices
    // renumbered to match; a table of up to 16 colours is a few dozen bytes in any
    // order, less than renumbering every index would cost in time.
    const bool plain = escapes || count > kPlainIndicesAboveColours;
    std::array<uint32_t, kMaxPaletteColours> sorted{};
    std::array<uint8_t, kMaxPaletteColours> rank{};
    bool renumber = false;
    if (plain) {
        renumber = ColourTable::sort(colours, std::span(sorted.data(), count), rank);
        if (escapes) // the table has 255 colours; the escape index keeps its value
            rank[kEscapeIndex] = static_cast<uint8_t>(kEscapeIndex);
    } else {
        std::copy(colours.begin(), colours.end(), sorted.begin());
    }
    std::vector<uint8_t> &indices = palette_.indices();

    body_.clear();
    ColourTable::write(std::span(sorted.data(), count), opaque, body_);
    if (plain) {
        const std::size_t start = body_.size();
        body_.resize(start + indices.size());
        if (renumber)
            renumberInto(indices, rank, body_.data() + start);
        else
            std::copy(indices.begin(), indices.end(), body_.data() + start);
    } else {
        IndexRuns::encode(indices, IndexRuns::bitsPerIndex(static_cast<int>(count)), body_);
    }
    if (escapes) {
        const uint8_t *index = indices.data();
        for (int32_t y = 0; y < tile.height(); ++y) {
            for (const uint32_t pixel : tile.row(y)) {
                if (*index++ == kEscapeIndex)
                    appendColour(pixel, opaque, body_);
            }
        }
    }

    const std::size_t flagsAt = out.size();
    appendHeader(static_cast<uint8_t>(kindFlags(TileKind::Palette, opaque) |
                                      (plain ? kPlainIndices : 0) | (escapes ? kEscapes : 0)),
                 tile.width(), tile.height(), out);
    out.push_back(static_cast<uint8_t>(count - 1));
    if (body_.size() >= kMinZstdBodyBytes && compressInto(body_, out))
        out[flagsAt] |= kZstdFlag;
    else
        out.insert(out.end(), body_.begin(), body_.end());
}

void TileEncoder::encodeGeneric(const FrameView &tile, bool opaque, std::vector<uint8_t> &out)
{
    const int channels = opaque ? 3 : 4;
    const int rowBytes = tile.width() * channels;
    const std::size_t total = static_cast<std::size_t>(rowBytes) * tile.height();
    packed_.resize(total);
    uint8_t *target = packed_.data();
    for (int32_t y = 0; y < tile.height(); ++y) {
        const std::span<const uint8_t> row = tile.rowBytes(y);
        if (opaque) {
            for (int32_t x = 0; x < tile.width(); ++x) {
                target[0] = row[static_cast<std::size_t>(x) * 4];
                target[1] = row[static_cast<std::size_t>(x) * 4 + 1];
                target[2] = row[static_cast<std::size_t>(x) * 4 + 2];
                target += 3;
            }
        } else {
            std::copy(row.begin(), row.end(), target);
            target += row.size();
        }
    }
    const RowFilter filter = RowFilters::choose(packed_, rowBytes, channels);
    filtered_.resize(total);
    RowFilters::apply(filter, packed_, rowBytes, channels, filtered_);

    appendHeader(static_cast<uint8_t>(kindFlags(TileKind::Generic, opaque) | kZstdFlag |
                                      (static_cast<uint8_t>(filter) << kFilterShift)),
                 tile.width(), tile.height(), out);
    const std::size_t start = out.size();
    out.resize(start + ZSTD_compressBound(total));
    const std::size_t written = ZSTD_compress2(zstd_.get(), out.data() + start,
                                               out.size() - start, filtered_.data(), total);
    if (ZSTD_isError(written))
        throw std::runtime_error(ZSTD_getErrorName(written));
    out.resize(start + written);
}

} // namespace baton::tile
