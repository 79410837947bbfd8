#include "codecs/frame/PixelFormatKernels.h"

#include "codecs/frame/PixelFormatRow.h"

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace baton {
namespace {

std::vector<PixelKernels> buildTable()
{
    // The scalar reference fills the first slot; each SIMD slot is added only after the
    // CPU check, and only where CMake compiled its file.
    std::vector<PixelKernels> table{{SimdLevel::Scalar, pixel::rgb565RowScalar,
                                     pixel::rgb555RowScalar, pixel::rgb30RowScalar,
                                     pixel::bgr30RowScalar}};
#if defined(BATON_HAVE_X86_KERNELS)
    if (isSimdLevelAvailable(SimdLevel::Sse2))
        table.push_back({SimdLevel::Sse2, pixel::rgb565RowSse2, pixel::rgb555RowSse2,
                         pixel::rgb30RowSse2, pixel::bgr30RowSse2});
    if (isSimdLevelAvailable(SimdLevel::Avx2))
        table.push_back({SimdLevel::Avx2, pixel::rgb565RowAvx2, pixel::rgb555RowAvx2,
                         pixel::rgb30RowAvx2, pixel::bgr30RowAvx2});
#endif
    return table;
}

// The fastest kernels whose level is at or below cap (the table is in that order).
const PixelKernels &cappedAt(SimdLevel cap)
{
    const PixelKernels *best = &availablePixelKernels().front();
    for (const PixelKernels &kernels : availablePixelKernels()) {
        if (kernels.level <= cap)
            best = &kernels;
    }
    return *best;
}

} // namespace

std::span<const PixelKernels> availablePixelKernels()
{
    static const std::vector<PixelKernels> table = buildTable();
    return table;
}

PixelKernelsChoice choosePixelKernels(const char *overrideName)
{
    const PixelKernels &fastest = availablePixelKernels().back();
    if (overrideName == nullptr || *overrideName == '\0')
        return {fastest, {}};
    const std::string_view name(overrideName);
    const std::string fallback =
        "; converting pixels with " + std::string(simdLevelName(fastest.level));
    const std::optional<SimdLevel> level = simdLevelFromName(name);
    if (!level)
        return {fastest,
                "BATON_SIMD=" + std::string(name) +
                    " is not one of scalar, sse2, avx2, avx512, neon" + fallback};
    if (!isSimdLevelAvailable(*level))
        return {fastest,
                "BATON_SIMD=" + std::string(name) + ": this CPU or build has no such kernel" +
                    fallback};
    return {cappedAt(*level), {}};
}

const PixelKernels &defaultPixelKernels()
{
    static const PixelKernels &kernels = []() -> const PixelKernels & {
        const PixelKernelsChoice choice = choosePixelKernels(std::getenv("BATON_SIMD"));
        // codecs/ has no Qt, hence no logging category: one line on stderr, once.
        if (!choice.warning.empty())
            std::fprintf(stderr, "%s\n", choice.warning.c_str());
        return choice.kernels;
    }();
    return kernels;
}

} // namespace baton
