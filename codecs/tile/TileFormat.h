#pragma once

#include <cstddef>
#include <cstdint>

// The byte format of one lossless tile payload (docs/codecs.md, "Tile payload").
//
//   byte 0      bits 0-1 TileKind, bit 2 kOpaqueFlag, bit 3 kZstdFlag,
//               bits 4-5 RowFilter (generic tiles) or kPlainIndices and
//               kEscapes (palette tiles), bits 6-7 zero
//   bytes 1-2   width in pixels, u16 little-endian, 1 … Frame::kMaxDimensionPx
//   bytes 3-4   height in pixels, u16 little-endian, 1 … Frame::kMaxDimensionPx
//   body        depends on the kind
namespace baton::tile {

enum class TileKind : uint8_t {
    Solid = 0,    // body: one colour (3 bytes B, G, R if opaque, else 4 bytes B, G, R, A)
    Palette = 1,  // body: count-1 (u8), then colour table, indices and escaped colours
                  // (maybe as one zstd frame)
    Generic = 2,  // body: one zstd frame holding the row-filtered pixels
    // 3 is reserved (refused): repeated tiles are the session's tile cache's job
    // (docs/protocol.md §8.7), which names a slot instead of carrying a payload.
};

enum class RowFilter : uint8_t {
    None = 0,
    Sub = 1,      // minus the pixel to the left, per byte
    Up = 2,       // minus the pixel above, per byte
    Gradient = 3, // minus (left + above - above-left), per byte, modulo 256
};

inline constexpr uint8_t kKindMask = 0x03;
inline constexpr uint8_t kOpaqueFlag = 0x04;
inline constexpr uint8_t kZstdFlag = 0x08;
inline constexpr int kFilterShift = 4;
inline constexpr uint8_t kFilterMask = 0x30;
inline constexpr uint8_t kReservedMask = 0xC0;
// Palette tiles: the indices follow the table as one byte per pixel instead of as
// index runs (with zstd, plain bytes keep repeated glyph rows byte-aligned for its
// matcher, which runs would break up).
inline constexpr uint8_t kPlainIndices = 0x10;
// Palette tiles with plain indices: index kEscapeIndex (the table then holds at most
// 255 colours) marks a pixel whose own colour follows the indices, in pixel order.
inline constexpr uint8_t kEscapes = 0x20;
inline constexpr std::size_t kHeaderBytes = 5;
inline constexpr int kMaxPaletteColours = 256;
inline constexpr int kEscapeIndex = 255;

// The zstd level for generic tiles and palette bodies: level 1 is zstd's fastest
// regular level; below it (negative levels) the ratio on UI content drops sharply.
inline constexpr int kZstdLevel = 1;

} // namespace baton::tile
