#include "codecs/diff/DiffKernel.h"

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

} // namespace

std::span<const DiffKernel> availableDiffKernels()
{
    static const std::vector<DiffKernel> table = buildTable();
    return table;
}

const DiffKernel &selectDiffKernel(std::optional<SimdLevel> requested)
{
    const std::span<const DiffKernel> table = availableDiffKernels();
    if (requested) {
        for (const DiffKernel &kernel : table) {
            if (kernel.level == *requested)
                return kernel;
        }
    }
    return table.back();
}

} // namespace baton
