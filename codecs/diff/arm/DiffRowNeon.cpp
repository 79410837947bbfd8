#include "codecs/diff/DiffRow.h"

#include <arm_neon.h>

namespace baton::diff {
namespace {

inline bool sameBlock(const uint8_t *a, const uint8_t *b)
{
    const uint8x16_t x = veorq_u8(vld1q_u8(a), vld1q_u8(b));
    return vmaxvq_u8(x) == 0;
}

bool neonEqual(const uint8_t *a, const uint8_t *b, std::size_t n)
{
    if (n < 16)
        return smallEqual(a, b, n);
    std::size_t i = 0;
    for (; i + 64 <= n; i += 64) {
        const uint8x16_t x0 = veorq_u8(vld1q_u8(a + i), vld1q_u8(b + i));
        const uint8x16_t x1 = veorq_u8(vld1q_u8(a + i + 16), vld1q_u8(b + i + 16));
        const uint8x16_t x2 = veorq_u8(vld1q_u8(a + i + 32), vld1q_u8(b + i + 32));
        const uint8x16_t x3 = veorq_u8(vld1q_u8(a + i + 48), vld1q_u8(b + i + 48));
        if (vmaxvq_u8(vorrq_u8(vorrq_u8(x0, x1), vorrq_u8(x2, x3))) != 0)
            return false;
    }
    for (; i + 16 <= n; i += 16) {
        if (!sameBlock(a + i, b + i))
            return false;
    }
    return i == n || sameBlock(a + n - 16, b + n - 16);
}

} // namespace

bool diffRowNeon(const DiffRowJob &job)
{
    return diffRowSegments(
        job, [](const uint8_t *a, const uint8_t *b, std::size_t n) { return neonEqual(a, b, n); });
}

} // namespace baton::diff
