#include "codecs/diff/DiffRow.h"

#include <immintrin.h>

namespace baton::diff {
namespace {

inline __m256i load(const uint8_t *p)
{
    return _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p));
}

inline __m256i difference(const uint8_t *a, const uint8_t *b)
{
    return _mm256_xor_si256(load(a), load(b));
}

inline bool sameHalf(const uint8_t *a, const uint8_t *b)
{
    const __m128i x = _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i *>(a)),
                                    _mm_loadu_si128(reinterpret_cast<const __m128i *>(b)));
    return _mm_testz_si128(x, x) != 0;
}

bool avx2Equal(const uint8_t *a, const uint8_t *b, std::size_t n)
{
    if (n < 32)
        return n >= 16 ? sameHalf(a, b) && sameHalf(a + n - 16, b + n - 16) : smallEqual(a, b, n);
    std::size_t i = 0;
    for (; i + 128 <= n; i += 128) {
        const __m256i any = _mm256_or_si256(
            _mm256_or_si256(difference(a + i, b + i), difference(a + i + 32, b + i + 32)),
            _mm256_or_si256(difference(a + i + 64, b + i + 64),
                            difference(a + i + 96, b + i + 96)));
        if (!_mm256_testz_si256(any, any))
            return false;
    }
    for (; i + 32 <= n; i += 32) {
        const __m256i d = difference(a + i, b + i);
        if (!_mm256_testz_si256(d, d))
            return false;
    }
    if (i == n)
        return true;
    const __m256i tail = difference(a + n - 32, b + n - 32);
    return _mm256_testz_si256(tail, tail) != 0;
}

} // namespace

bool diffRowAvx2(const DiffRowJob &job)
{
    return diffRowSegments(
        job, [](const uint8_t *a, const uint8_t *b, std::size_t n) { return avx2Equal(a, b, n); });
}

} // namespace baton::diff
