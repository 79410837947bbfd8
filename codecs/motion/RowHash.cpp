#include "codecs/motion/RowHash.h"

#include <array>
#include <vector>

namespace baton {
namespace motion {
namespace {

constexpr uint32_t kCastagnoliReflected = 0x82f63b78u;

constexpr std::array<uint32_t, 256> makeTable()
{
    std::array<uint32_t, 256> table{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t crc = i;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1u) ? (crc >> 1) ^ kCastagnoliReflected : crc >> 1;
        table[i] = crc;
    }
    return table;
}

constexpr std::array<uint32_t, 256> kTable = makeTable();

} // namespace

uint32_t crc32cScalar(const uint8_t *data, std::size_t sizeBytes)
{
    uint32_t crc = ~0u;
    for (std::size_t i = 0; i < sizeBytes; ++i)
        crc = kTable[(crc ^ data[i]) & 0xffu] ^ (crc >> 8);
    return ~crc;
}

} // namespace motion

namespace {

std::vector<RowHasher> buildTable()
{
    std::vector<RowHasher> table{{"scalar", motion::crc32cScalar}};
#if defined(BATON_HAVE_X86_CRC32)
    if (__builtin_cpu_supports("sse4.2"))
        table.push_back({"sse4.2", motion::crc32cSse42});
#endif
#if defined(BATON_HAVE_ARM_CRC32)
    table.push_back({"armcrc", motion::crc32cArm});
#endif
    return table;
}

} // namespace

std::span<const RowHasher> availableRowHashers()
{
    static const std::vector<RowHasher> table = buildTable();
    return table;
}

} // namespace baton
