#pragma once

#include "codecs/diff/SimdLevel.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace baton {
namespace pixel {

// Converts width pixels of one row from src to BGRA at dst (alpha 0xff). Neither pointer
// needs any alignment.
using ConvertRowFn = void (*)(const uint8_t *src, uint8_t *dst, int width);

} // namespace pixel

// One entry of the pixel conversion dispatch table: a kernel per hot TrueColor format
// (little-endian). The bit expansion is X's: (v << 3) | (v >> 2) for 5-bit channels,
// (v << 2) | (v >> 4) for 6 bits, v >> 2 for 10 bits.
struct PixelKernels {
    SimdLevel level = SimdLevel::Scalar;
    pixel::ConvertRowFn rgb565 = nullptr; // 16 bpp, 0xf800/0x7e0/0x1f
    pixel::ConvertRowFn rgb555 = nullptr; // 16 bpp, 0x7c00/0x3e0/0x1f, top bit ignored
    pixel::ConvertRowFn rgb30 = nullptr; // 32 bpp, 0x3ff00000/0xffc00/0x3ff, top 2 ignored
    pixel::ConvertRowFn bgr30 = nullptr; // 32 bpp, 0x3ff/0xffc00/0x3ff00000, top 2 ignored
};

// The kernels this build has and this CPU runs, scalar first and the fastest last.
// Built once on first use (the dispatch table is the module's only global).
std::span<const PixelKernels> availablePixelKernels();

// What a BATON_SIMD value asks for (overrideName: the variable's value, null or empty when
// unset). The level caps the kernels: the fastest available at or below it is used
// (there are no AVX-512 pixel kernels, so avx512 gives avx2). Unset gives the fastest; so
// does a name that is no level, or a level this CPU or build lacks, and warning says so.
struct PixelKernelsChoice {
    const PixelKernels &kernels;
    std::string warning;
};
PixelKernelsChoice choosePixelKernels(const char *overrideName);

// The kernels of every PixelConverter made without naming any: choosePixelKernels() of
// BATON_SIMD, decided on first use for the life of the process; its warning, if any,
// goes to stderr once.
const PixelKernels &defaultPixelKernels();

} // namespace baton
