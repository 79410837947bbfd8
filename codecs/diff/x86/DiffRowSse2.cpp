#include "codecs/diff/DiffRow.h"

#include <emmintrin.h>

namespace baton::diff {
namespace {

inline __m128i load(const uint8_t *p)
{
    return _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
}

inline bool sameBlock(const uint8_t *a, const uint8_t *b)
{
    return _mm_movemask_epi8(_mm_cmpeq_epi8(load(a), load(b))) == 0xffff;
}

bool sse2Equal(const uint8_t *a, const uint8_t *b, std::size_t n)
{
    if (n < 16)
        return smallEqual(a, b, n);
    std::size_t i = 0;
    for (; i + 64 <= n; i += 64) {
        // Four compares folded into one mask: one branch per cache line.
        const __m128i e0 = _mm_cmpeq_epi8(load(a + i), load(b + i));
        const __m128i e1 = _mm_cmpeq_epi8(load(a + i + 16), load(b + i + 16));
        const __m128i e2 = _mm_cmpeq_epi8(load(a + i + 32), load(b + i + 32));
        const __m128i e3 = _mm_cmpeq_epi8(load(a + i + 48), load(b + i + 48));
        const __m128i all = _mm_and_si128(_mm_and_si128(e0, e1), _mm_and_si128(e2, e3));
        if (_mm_movemask_epi8(all) != 0xffff)
            return false;
    }
    for (; i + 16 <= n; i += 16) {
        if (!sameBlock(a + i, b + i))
            return false;
    }
    // The tail overlaps the last full block, which is cheaper than a scalar loop.
    return i == n || sameBlock(a + n - 16, b + n - 16);
}

} // namespace

bool diffRowSse2(const DiffRowJob &job)
{
    return diffRowSegments(
        job, [](const uint8_t *a, const uint8_t *b, std::size_t n) { return sse2Equal(a, b, n); });
}

} // namespace baton::diff
