#include "codecs/frame/PixelFormatRow.h"

#include <immintrin.h>

namespace baton::pixel {
namespace {

inline __m256i load(const uint8_t *p)
{
    return _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p));
}

inline void store(uint8_t *p, __m256i v)
{
    _mm256_storeu_si256(reinterpret_cast<__m256i *>(p), v);
}

inline __m256i bits(__m256i v, int mask)
{
    return _mm256_and_si256(v, _mm256_set1_epi16(static_cast<int16_t>(mask)));
}

// Sixteen 16-bit lanes of 8-bit blue, green and red to sixteen BGRA pixels. The unpacks
// work within each 128-bit half, so pixels 0-3 and 8-11 come out together; the permutes
// put them back in order.
inline void storeBgra(uint8_t *dst, __m256i b, __m256i g, __m256i r)
{
    const __m256i bg = _mm256_or_si256(b, _mm256_slli_epi16(g, 8));
    const __m256i ra = _mm256_or_si256(r, _mm256_set1_epi16(static_cast<int16_t>(0xff00)));
    const __m256i lo = _mm256_unpacklo_epi16(bg, ra); // pixels 0-3, 8-11
    const __m256i hi = _mm256_unpackhi_epi16(bg, ra); // pixels 4-7, 12-15
    store(dst, _mm256_permute2x128_si256(lo, hi, 0x20));
    store(dst + 32, _mm256_permute2x128_si256(lo, hi, 0x31));
}

inline __m256i blue5(__m256i p)
{
    return _mm256_or_si256(bits(_mm256_slli_epi16(p, 3), 0xf8),
                           bits(_mm256_srli_epi16(p, 2), 0x07));
}

template <int BlueShift, int RedShift> inline __m256i pixels30(__m256i p)
{
    const __m256i byte = _mm256_set1_epi32(0xff);
    const __m256i b = _mm256_and_si256(_mm256_srli_epi32(p, BlueShift), byte);
    const __m256i g = _mm256_and_si256(_mm256_srli_epi32(p, 4), _mm256_set1_epi32(0xff00));
    const __m256i r = _mm256_slli_epi32(_mm256_and_si256(_mm256_srli_epi32(p, RedShift), byte), 16);
    return _mm256_or_si256(
        _mm256_or_si256(b, g),
        _mm256_or_si256(r, _mm256_set1_epi32(static_cast<int32_t>(0xff000000u))));
}

} // namespace

void rgb565RowAvx2(const uint8_t *src, uint8_t *dst, int width)
{
    int x = 0;
    for (; x + 16 <= width; x += 16) {
        const __m256i p = load(src + 2 * x);
        const __m256i r =
            _mm256_or_si256(bits(_mm256_srli_epi16(p, 8), 0xf8), _mm256_srli_epi16(p, 13));
        const __m256i g = _mm256_or_si256(bits(_mm256_srli_epi16(p, 3), 0xfc),
                                          bits(_mm256_srli_epi16(p, 9), 0x03));
        storeBgra(dst + 4 * x, blue5(p), g, r);
    }
    rgb565RowScalar(src + 2 * x, dst + 4 * x, width - x);
}

void rgb555RowAvx2(const uint8_t *src, uint8_t *dst, int width)
{
    int x = 0;
    for (; x + 16 <= width; x += 16) {
        const __m256i p = load(src + 2 * x);
        const __m256i r = _mm256_or_si256(bits(_mm256_srli_epi16(p, 7), 0xf8),
                                          bits(_mm256_srli_epi16(p, 12), 0x07));
        const __m256i g = _mm256_or_si256(bits(_mm256_srli_epi16(p, 2), 0xf8),
                                          bits(_mm256_srli_epi16(p, 7), 0x07));
        storeBgra(dst + 4 * x, blue5(p), g, r);
    }
    rgb555RowScalar(src + 2 * x, dst + 4 * x, width - x);
}

void rgb30RowAvx2(const uint8_t *src, uint8_t *dst, int width)
{
    int x = 0;
    for (; x + 8 <= width; x += 8)
        store(dst + 4 * x, pixels30<2, 22>(load(src + 4 * x)));
    rgb30RowScalar(src + 4 * x, dst + 4 * x, width - x);
}

void bgr30RowAvx2(const uint8_t *src, uint8_t *dst, int width)
{
    int x = 0;
    for (; x + 8 <= width; x += 8)
        store(dst + 4 * x, pixels30<22, 2>(load(src + 4 * x)));
    bgr30RowScalar(src + 4 * x, dst + 4 * x, width - x);
}

} // namespace baton::pixel
