#include "codecs/frame/PixelFormatRow.h"

#include <emmintrin.h>

namespace baton::pixel {
namespace {

inline __m128i load(const uint8_t *p)
{
    return _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
}

inline void store(uint8_t *p, __m128i v)
{
    _mm_storeu_si128(reinterpret_cast<__m128i *>(p), v);
}

inline __m128i bits(__m128i v, int mask)
{
    return _mm_and_si128(v, _mm_set1_epi16(static_cast<int16_t>(mask)));
}

// Eight 16-bit lanes of 8-bit blue, green and red (each in its lane's low byte) to eight
// BGRA pixels: B|G<<8 and R|0xff00 interleaved.
inline void storeBgra(uint8_t *dst, __m128i b, __m128i g, __m128i r)
{
    const __m128i bg = _mm_or_si128(b, _mm_slli_epi16(g, 8));
    const __m128i ra = _mm_or_si128(r, _mm_set1_epi16(static_cast<int16_t>(0xff00)));
    store(dst, _mm_unpacklo_epi16(bg, ra));
    store(dst + 16, _mm_unpackhi_epi16(bg, ra));
}

// The 5-bit channel at the bottom of each lane, widened: (v << 3) | (v >> 2).
inline __m128i blue5(__m128i p)
{
    return _mm_or_si128(bits(_mm_slli_epi16(p, 3), 0xf8), bits(_mm_srli_epi16(p, 2), 0x07));
}

} // namespace

void rgb565RowSse2(const uint8_t *src, uint8_t *dst, int width)
{
    int x = 0;
    for (; x + 8 <= width; x += 8) {
        const __m128i p = load(src + 2 * x);
        const __m128i r = _mm_or_si128(bits(_mm_srli_epi16(p, 8), 0xf8), _mm_srli_epi16(p, 13));
        const __m128i g =
            _mm_or_si128(bits(_mm_srli_epi16(p, 3), 0xfc), bits(_mm_srli_epi16(p, 9), 0x03));
        storeBgra(dst + 4 * x, blue5(p), g, r);
    }
    rgb565RowScalar(src + 2 * x, dst + 4 * x, width - x);
}

void rgb555RowSse2(const uint8_t *src, uint8_t *dst, int width)
{
    int x = 0;
    for (; x + 8 <= width; x += 8) {
        const __m128i p = load(src + 2 * x);
        const __m128i r =
            _mm_or_si128(bits(_mm_srli_epi16(p, 7), 0xf8), bits(_mm_srli_epi16(p, 12), 0x07));
        const __m128i g =
            _mm_or_si128(bits(_mm_srli_epi16(p, 2), 0xf8), bits(_mm_srli_epi16(p, 7), 0x07));
        storeBgra(dst + 4 * x, blue5(p), g, r);
    }
    rgb555RowScalar(src + 2 * x, dst + 4 * x, width - x);
}

namespace {

// Four 30-bit pixels: each 10-bit channel's top eight bits moved into its BGRA byte.
// BlueShift and RedShift: where the channels that become blue and red start.
template <int BlueShift, int RedShift> inline __m128i pixels30(__m128i p)
{
    const __m128i byte = _mm_set1_epi32(0xff);
    const __m128i b = _mm_and_si128(_mm_srli_epi32(p, BlueShift), byte);
    const __m128i g = _mm_and_si128(_mm_srli_epi32(p, 4), _mm_set1_epi32(0xff00));
    const __m128i r = _mm_slli_epi32(_mm_and_si128(_mm_srli_epi32(p, RedShift), byte), 16);
    return _mm_or_si128(_mm_or_si128(b, g),
                        _mm_or_si128(r, _mm_set1_epi32(static_cast<int32_t>(0xff000000u))));
}

} // namespace

void rgb30RowSse2(const uint8_t *src, uint8_t *dst, int width)
{
    int x = 0;
    for (; x + 4 <= width; x += 4)
        store(dst + 4 * x, pixels30<2, 22>(load(src + 4 * x)));
    rgb30RowScalar(src + 4 * x, dst + 4 * x, width - x);
}

void bgr30RowSse2(const uint8_t *src, uint8_t *dst, int width)
{
    int x = 0;
    for (; x + 4 <= width; x += 4)
        store(dst + 4 * x, pixels30<22, 2>(load(src + 4 * x)));
    bgr30RowScalar(src + 4 * x, dst + 4 * x, width - x);
}

} // namespace baton::pixel
