#pragma once

#include "codecs/diff/DiffRow.h"
#include "codecs/diff/SimdLevel.h"

#include <span>

namespace baton {

// One entry of the diff dispatch table.
struct DiffKernel {
    SimdLevel level = SimdLevel::Scalar;
    diff::DiffRowFn diffRow = nullptr;
};

// The kernels this build has and this CPU runs, scalar first and the fastest last.
// Built once on first use (the dispatch table is the module's only global).
std::span<const DiffKernel> availableDiffKernels();

// The requested kernel when available, else the fastest available one. A request for an
// unavailable level (BATON_SIMD=avx512 on a CPU without it) falls back rather than
// crashing on an illegal instruction; callers can compare the returned level.
const DiffKernel &selectDiffKernel(std::optional<SimdLevel> requested);

} // namespace baton
