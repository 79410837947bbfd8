#include "codecs/diff/DiffKernel.h"

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace baton {
namespace {

std::vector<DiffKernel> buildTable()
{
    // The scalar reference fills the first slot; each SIMD slot is added only after the
    // CPU check, and only where CMake compiled its file.
    std::vector<DiffKernel> table{{SimdLevel::Scalar, diff::diffRowScalar}};
#if defined(BATON_HAVE_X86_KERNELS)
    if (isSimdLevelAvailable(SimdLevel::Sse2))
        table.push_back({SimdLevel::Sse2, diff::diffRowSse2});
    if (isSimdLevelAvailable(SimdLevel::Avx2))
        table.push_back({SimdLevel::Avx2, diff::diffRowAvx2});
    if (isSimdLevelAvailable(SimdLevel::Avx512))
        table.push_back({SimdLevel::Avx512, diff::diffRowAvx512});
#endif
#if defined(BATON_HAVE_NEON_KERNELS)
    if (isSimdLevelAvailable(SimdLevel::Neon))
        table.push_back({SimdLevel::Neon, diff::diffRowNeon});
#endif
    return table;
}

const DiffKernel *findKernel(SimdLevel level)
{
    for (const DiffKernel &kernel : availableDiffKernels()) {
        if (kernel.level == level)
            return &kernel;
    }
    return nullptr;
}

} // namespace

std::span<const DiffKernel> availableDiffKernels()
{
    static const std::vector<DiffKernel> table = buildTable();
    return table;
}

const DiffKernel &selectDiffKernel(std::optional<SimdLevel> requested)
{
    const DiffKernel *kernel = requested ? findKernel(*requested) : nullptr;
    return kernel != nullptr ? *kernel : availableDiffKernels().back();
}

DiffKernelChoice chooseDiffKernel(const char *overrideName)
{
    const DiffKernel &fastest = availableDiffKernels().back();
    if (overrideName == nullptr || *overrideName == '\0')
        return {fastest, {}};
    const std::string_view name(overrideName);
    const std::string fallback = "; using " + std::string(simdLevelName(fastest.level));
    const std::optional<SimdLevel> level = simdLevelFromName(name);
    if (!level)
        return {fastest,
                "BATON_SIMD=" + std::string(name) +
                    " is not one of scalar, sse2, avx2, avx512, neon" + fallback};
    if (const DiffKernel *kernel = findKernel(*level))
        return {*kernel, {}};
    return {fastest,
            "BATON_SIMD=" + std::string(name) + ": this CPU or build has no such kernel" +
                fallback};
}

const DiffKernel &defaultDiffKernel()
{
    static const DiffKernel &kernel = []() -> const DiffKernel & {
        const DiffKernelChoice choice = chooseDiffKernel(std::getenv("BATON_SIMD"));
        // codecs/ has no Qt, hence no logging category: one line on stderr, once.
        if (!choice.warning.empty())
            std::fprintf(stderr, "%s\n", choice.warning.c_str());
        return choice.kernel;
    }();
    return kernel;
}

} // namespace baton
