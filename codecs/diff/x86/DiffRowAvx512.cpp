#include "codecs/diff/DiffRow.h"

#include <immintrin.h>

namespace baton::diff {
namespace {

inline __m512i load(const uint8_t *p)
{
    return _mm512_loadu_si512(p);
}

bool avx512Equal(const uint8_t *a, const uint8_t *b, std::size_t n)
{
    std::size_t i = 0;
    for (; i + 256 <= n; i += 256) {
        // A 64×64-pixel tile row is exactly one iteration: four loads per frame.
        const __m512i x0 = _mm512_xor_si512(load(a + i), load(b + i));
        const __m512i x1 = _mm512_xor_si512(load(a + i + 64), load(b + i + 64));
        const __m512i x2 = _mm512_xor_si512(load(a + i + 128), load(b + i + 128));
        const __m512i x3 = _mm512_xor_si512(load(a + i + 192), load(b + i + 192));
        const __m512i any = _mm512_or_si512(_mm512_or_si512(x0, x1), _mm512_or_si512(x2, x3));
        if (_mm512_test_epi64_mask(any, any) != 0)
            return false;
    }
    for (; i + 64 <= n; i += 64) {
        if (_mm512_cmpneq_epi64_mask(load(a + i), load(b + i)) != 0)
            return false;
    }
    if (i == n)
        return true;
    // A masked load never touches bytes past the end, so short tails need no scalar path.
    const __mmask64 mask = (uint64_t{1} << (n - i)) - 1; // n - i < 64
    const __m512i ta = _mm512_maskz_loadu_epi8(mask, a + i);
    const __m512i tb = _mm512_maskz_loadu_epi8(mask, b + i);
    return _mm512_cmpneq_epi64_mask(ta, tb) == 0;
}

} // namespace

bool diffRowAvx512(const DiffRowJob &job)
{
    return diffRowSegments(job, [](const uint8_t *a, const uint8_t *b, std::size_t n) {
        return avx512Equal(a, b, n);
    });
}

} // namespace baton::diff
