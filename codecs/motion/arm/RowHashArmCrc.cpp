#include "codecs/motion/RowHash.h"

#include <arm_acle.h>
#include <cstring>

namespace baton::motion {

uint32_t crc32cArm(const uint8_t *data, std::size_t sizeBytes)
{
    uint32_t crc = ~0u;
    std::size_t i = 0;
    for (; i + 8 <= sizeBytes; i += 8) {
        uint64_t word;
        std::memcpy(&word, data + i, 8);
        crc = __crc32cd(crc, word);
    }
    for (; i < sizeBytes; ++i)
        crc = __crc32cb(crc, data[i]);
    return ~crc;
}

} // namespace baton::motion
