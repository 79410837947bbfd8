#include "codecs/motion/RowHash.h"

#include <cstring>
#include <nmmintrin.h>

namespace baton::motion {

uint32_t crc32cSse42(const uint8_t *data, std::size_t sizeBytes)
{
    uint64_t crc = ~0u;
    std::size_t i = 0;
    for (; i + 8 <= sizeBytes; i += 8) {
        uint64_t word;
        std::memcpy(&word, data + i, 8);
        crc = _mm_crc32_u64(crc, word);
    }
    auto crc32 = static_cast<uint32_t>(crc);
    for (; i < sizeBytes; ++i)
        crc32 = _mm_crc32_u8(crc32, data[i]);
    return ~crc32;
}

} // namespace baton::motion
