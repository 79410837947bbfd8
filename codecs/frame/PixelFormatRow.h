#pragma once

// The row kernels of PixelKernels, one set per instruction set, and the per-pixel
// reference conversions that the scalar kernels use and the SIMD ones finish rows with.

#include "codecs/frame/PixelFormatKernels.h"

#include <cstdint>
#include <cstring>

namespace baton::pixel {

inline uint32_t rgb565ToBgra(uint32_t p)
{
    const uint32_t r = p >> 11 & 0x1f, g = p >> 5 & 0x3f, b = p & 0x1f;
    return 0xff000000u | (r << 3 | r >> 2) << 16 | (g << 2 | g >> 4) << 8 | (b << 3 | b >> 2);
}

inline uint32_t rgb555ToBgra(uint32_t p)
{
    const uint32_t r = p >> 10 & 0x1f, g = p >> 5 & 0x1f, b = p & 0x1f;
    return 0xff000000u | (r << 3 | r >> 2) << 16 | (g << 3 | g >> 2) << 8 | (b << 3 | b >> 2);
}

inline uint32_t rgb30ToBgra(uint32_t p)
{
    return 0xff000000u | (p >> 22 & 0xff) << 16 | (p >> 12 & 0xff) << 8 | (p >> 2 & 0xff);
}

inline uint32_t bgr30ToBgra(uint32_t p)
{
    return 0xff000000u | (p >> 2 & 0xff) << 16 | (p >> 12 & 0xff) << 8 | (p >> 22 & 0xff);
}

inline uint32_t load16(const uint8_t *p)
{
    uint16_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline uint32_t load32(const uint8_t *p)
{
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline void store32(uint8_t *p, uint32_t v)
{
    std::memcpy(p, &v, sizeof v);
}

void rgb565RowScalar(const uint8_t *src, uint8_t *dst, int width);
void rgb555RowScalar(const uint8_t *src, uint8_t *dst, int width);
void rgb30RowScalar(const uint8_t *src, uint8_t *dst, int width);
void bgr30RowScalar(const uint8_t *src, uint8_t *dst, int width);

void rgb565RowSse2(const uint8_t *src, uint8_t *dst, int width);
void rgb555RowSse2(const uint8_t *src, uint8_t *dst, int width);
void rgb30RowSse2(const uint8_t *src, uint8_t *dst, int width);
void bgr30RowSse2(const uint8_t *src, uint8_t *dst, int width);

void rgb565RowAvx2(const uint8_t *src, uint8_t *dst, int width);
void rgb555RowAvx2(const uint8_t *src, uint8_t *dst, int width);
void rgb30RowAvx2(const uint8_t *src, uint8_t *dst, int width);
void bgr30RowAvx2(const uint8_t *src, uint8_t *dst, int width);

} // namespace baton::pixel
