#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/tile/TileFormat.h"
#include "codecs/tile/ZstdHandles.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace baton::tile {

enum class TileDecodeError {
    None,
    Truncated,     // the payload ends before its header or body does
    BadHeader,     // reserved bits or kind set, unknown filter, size 0 or above the limit
    SizeMismatch,  // the target view does not have the header's size
    BadPalette,    // a palette body that does not cover the tile exactly
    BadZstd,       // a zstd frame that is corrupt or does not hold the tile's bytes
    TrailingBytes, // bytes after a complete body
};

const char *toString(TileDecodeError error);

struct TileHeader {
    TileKind kind = TileKind::Solid;
    bool opaque = false;
    bool zstd = false;
    RowFilter filter = RowFilter::None; // generic tiles
    bool plainIndices = false;          // palette tiles: kPlainIndices
    bool escapes = false;               // palette tiles: kEscapes
    int32_t width = 0;
    int32_t height = 0;
};

// Reads and validates the 5-byte header; the decoder's first step, exposed so that a
// PDU parser can learn a tile's size before it has a place to put it.
std::optional<TileHeader> parseTileHeader(std::span<const uint8_t> payload,
                                          TileDecodeError *error = nullptr);

// Decodes payloads made by TileEncoder. Every length, count and index is checked
// against the header before use and no allocation is sized by anything but the
// header's (bounded) tile size, so any byte string is safe to hand it.
class TileDecoder {
public:
    TileDecoder();

    // Writes the tile into target, which must have the header's size. On error,
    // target's content is unspecified.
    TileDecodeError decode(std::span<const uint8_t> payload, const MutableFrameView &target);

private:
    TileDecodeError decodePalette(const TileHeader &header, std::span<const uint8_t> body,
                                  const MutableFrameView &target);
    TileDecodeError decodeGeneric(const TileHeader &header, std::span<const uint8_t> body,
                                  const MutableFrameView &target);

    ZstdDCtxPtr zstd_;
    std::vector<uint8_t> stream_;
    std::vector<uint8_t> indices_;
    std::vector<uint8_t> bytes_;
};

} // namespace baton::tile
