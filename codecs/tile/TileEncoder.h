#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/tile/PaletteBuilder.h"
#include "codecs/tile/TileFormat.h"
#include "codecs/tile/ZstdHandles.h"

#include <cstdint>
#include <vector>

namespace baton::tile {

// Encodes one tile (any size from 1×1 to Frame::kMaxDimensionPx²; the planner sends
// strips of up to 256×64) into a lossless payload of docs/codecs.md: solid, palette
// (sorted colour table, index runs or plain indices, escaped colours) + zstd, or row
// filter + zstd, chosen from the colour count rather than by trying each. One encoder per thread:
// it reuses its zstd context and scratch buffers across tiles.
class TileEncoder {
public:
    TileEncoder();

    // Appends tile's payload to out and returns the kind chosen. Throws
    // std::invalid_argument for a null view or a size beyond the format's limits.
    TileKind encode(const FrameView &tile, std::vector<uint8_t> &out);


private:
    void encodePalette(const FrameView &tile, bool escapes, std::vector<uint8_t> &out);
    void encodeGeneric(const FrameView &tile, bool opaque, std::vector<uint8_t> &out);
    // Appends body as one zstd frame and returns true, or appends nothing and returns
    // false when the frame would not be smaller than body.
    bool compressInto(std::span<const uint8_t> body, std::vector<uint8_t> &out);

    ZstdCCtxPtr zstd_;
    PaletteBuilder palette_;
    std::vector<uint8_t> body_;
    std::vector<uint8_t> packed_;
    std::vector<uint8_t> filtered_;
    std::vector<uint8_t> alternative_;
};

} // namespace baton::tile
