#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace baton::tile {

// The colour table of a palette tile (docs/codecs.md, "Palette"): colours stored as
// planes of deltas from the previous entry: G, then B−G, then R−G (then A when not
// opaque), each byte modulo 256. Any order is valid; sorted ascending as 32-bit BGRA
// values, the anti-aliased greys of text become runs of small equal bytes, which zstd
// stores in a few bits each instead of 3 bytes per colour.
class ColourTable {
public:
    // Writes colours (at most 256, all different) sorted ascending to sorted, and the
    // sorted position of colours[i] to rank[i]; returns false when the order did not
    // change (rank is then the identity).
    static bool sort(std::span<const uint32_t> colours, std::span<uint32_t> sorted,
                     std::span<uint8_t, 256> rank);

    static std::size_t bytes(std::size_t count, bool opaque) { return count * (opaque ? 3 : 4); }

    // Appends the table of colours (best sorted ascending).
    static void write(std::span<const uint32_t> colours, bool opaque, std::vector<uint8_t> &out);

    // Reads colours.size() colours from the first bytes(colours.size(), opaque) bytes of
    // table, which the caller has checked are there. Any bytes give some table.
    static void read(std::span<const uint8_t> table, bool opaque, std::span<uint32_t> colours);
};

} // namespace baton::tile
