#include "codecs/tile/IndexRuns.h"

#include <algorithm>
#include <cstring>

namespace baton::tile {
namespace {

void putVarint(uint32_t value, std::vector<uint8_t> &out)
{
    while (value >= 0x80) {
        out.push_back(static_cast<uint8_t>(value | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<uint8_t>(value));
}

bool getVarint(std::span<const uint8_t> stream, std::size_t &pos, uint32_t &value)
{
    value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        if (pos >= stream.size())
            return false;
        const uint8_t byte = stream[pos++];
        value |= static_cast<uint32_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0)
            return shift < 28 || byte < 0x10;
    }
    return false;
}

void putLiterals(std::span<const uint8_t> literals, int bits, std::vector<uint8_t> &out)
{
    putVarint(static_cast<uint32_t>(literals.size() - 1) << 1, out);
    if (bits == 8) {
        out.insert(out.end(), literals.begin(), literals.end());
        return;
    }
    uint32_t accumulator = 0;
    int filled = 0;
    for (const uint8_t index : literals) {
        accumulator = (accumulator << bits) | index;
        filled += bits;
        if (filled == 8) {
            out.push_back(static_cast<uint8_t>(accumulator));
            accumulator = 0;
            filled = 0;
        }
    }
    if (filled > 0)
        out.push_back(static_cast<uint8_t>(accumulator << (8 - filled)));
}

} // namespace

int IndexRuns::bitsPerIndex(int colourCount)
{
    if (colourCount <= 2)
        return 1;
    if (colourCount <= 4)
        return 2;
    if (colourCount <= 16)
        return 4;
    return 8;
}

void IndexRuns::encode(std::span<const uint8_t> indices, int bitsPerIndex,
                       std::vector<uint8_t> &out)
{
    // A run token costs about two bytes, so a run pays off once it would take more
    // than ~three bytes as packed literals.
    const std::size_t minRun = std::max(3, 24 / bitsPerIndex);
    const std::size_t count = indices.size();
    std::size_t literalStart = 0;
    std::size_t i = 0;
    while (i < count) {
        std::size_t j = i + 1;
        while (j < count && indices[j] == indices[i])
            ++j;
        if (j - i >= minRun) {
            if (i > literalStart)
                putLiterals(indices.subspan(literalStart, i - literalStart), bitsPerIndex, out);
            putVarint((static_cast<uint32_t>(j - i - 1) << 1) | 1u, out);
            out.push_back(indices[i]);
            literalStart = j;
        }
        i = j;
    }
    if (count > literalStart)
        putLiterals(indices.subspan(literalStart), bitsPerIndex, out);
}

bool IndexRuns::decode(std::span<const uint8_t> stream, int bitsPerIndex, int colourCount,
                       std::span<uint8_t> indices)
{
    const std::size_t total = indices.size();
    const uint8_t mask = static_cast<uint8_t>((1u << bitsPerIndex) - 1);
    std::size_t pos = 0;
    std::size_t filled = 0;
    while (filled < total) {
        uint32_t token = 0;
        if (!getVarint(stream, pos, token))
            return false;
        const std::size_t n = (token >> 1) + std::size_t{1};
        if (n > total - filled)
            return false;
        if (token & 1u) {
            if (pos >= stream.size() || stream[pos] >= colourCount)
                return false;
            std::memset(indices.data() + filled, stream[pos++], n);
            filled += n;
            continue;
        }
        const std::size_t bytes = (n * static_cast<std::size_t>(bitsPerIndex) + 7) / 8;
        if (bytes > stream.size() - pos)
            return false;
        const uint8_t *packed = stream.data() + pos;
        uint8_t *target = indices.data() + filled;
        if (bitsPerIndex == 8) {
            std::memcpy(target, packed, n);
        } else {
            const int perByte = 8 / bitsPerIndex;
            for (std::size_t k = 0; k < n; ++k) {
                const int shift = 8 - bitsPerIndex * (1 + static_cast<int>(k % perByte));
                target[k] = static_cast<uint8_t>(packed[k / perByte] >> shift) & mask;
            }
        }
        for (std::size_t k = 0; k < n; ++k) {
            if (target[k] >= colourCount)
                return false;
        }
        pos += bytes;
        filled += n;
    }
    return pos == stream.size();
}

} // namespace baton::tile
