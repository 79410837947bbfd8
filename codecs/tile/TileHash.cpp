#include "codecs/tile/TileHash.h"

#include <cstring>

namespace baton::tile {
namespace {

constexpr uint64_t kSecret0 = 0xa0761d6478bd642fULL;
constexpr uint64_t kSecret1 = 0xe7037ed1a0b428dbULL;
constexpr uint64_t kSecret2 = 0x8ebc6af09c88c6e3ULL;

// The 64×64→128-bit multiply folded to 64 bits ("mum", as in wyhash): one multiply
// mixes 16 input bytes, so hashing costs well under a cycle per byte.
inline uint64_t mum(uint64_t a, uint64_t b)
{
    __extension__ using Wide = unsigned __int128; // gcc and clang; -Wpedantic knows it
    const Wide product = static_cast<Wide>(a) * b;
    return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

inline uint64_t load64(const uint8_t *p)
{
    uint64_t value;
    std::memcpy(&value, p, sizeof value);
    return value;
}

} // namespace

uint64_t tileHash(const FrameView &tile)
{
    uint64_t state = mum(static_cast<uint64_t>(tile.width()) ^ kSecret0,
                         static_cast<uint64_t>(tile.height()) ^ kSecret1);
    for (int32_t y = 0; y < tile.height(); ++y) {
        const std::span<const uint8_t> bytes = tile.rowBytes(y);
        const uint8_t *p = bytes.data();
        std::size_t left = bytes.size();
        while (left >= 16) {
            state = mum(load64(p) ^ kSecret1, load64(p + 8) ^ state);
            p += 16;
            left -= 16;
        }
        if (left > 0) {
            uint8_t tail[16] = {};
            std::memcpy(tail, p, left);
            state = mum(load64(tail) ^ kSecret2, load64(tail + 8) ^ state ^ left);
        }
    }
    return mum(state ^ kSecret0, state ^ kSecret2);
}

} // namespace baton::tile
