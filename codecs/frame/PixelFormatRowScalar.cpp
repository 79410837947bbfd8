#include "codecs/frame/PixelFormatRow.h"

namespace baton::pixel {

// The reference kernels: one pixel at a time, no intrinsics, any CPU.

void rgb565RowScalar(const uint8_t *src, uint8_t *dst, int width)
{
    for (int x = 0; x < width; ++x)
        store32(dst + 4 * x, rgb565ToBgra(load16(src + 2 * x)));
}

void rgb555RowScalar(const uint8_t *src, uint8_t *dst, int width)
{
    for (int x = 0; x < width; ++x)
        store32(dst + 4 * x, rgb555ToBgra(load16(src + 2 * x)));
}

void rgb30RowScalar(const uint8_t *src, uint8_t *dst, int width)
{
    for (int x = 0; x < width; ++x)
        store32(dst + 4 * x, rgb30ToBgra(load32(src + 4 * x)));
}

void bgr30RowScalar(const uint8_t *src, uint8_t *dst, int width)
{
    for (int x = 0; x < width; ++x)
        store32(dst + 4 * x, bgr30ToBgra(load32(src + 4 * x)));
}

} // namespace baton::pixel
