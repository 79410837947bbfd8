#pragma once

#include "codecs/diff/DiffRow.h"
#include "codecs/diff/SimdLevel.h"

#include <span>
#include <string>

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
// unavailable level (avx512 on a CPU without it) falls back rather than crashing on an
// illegal instruction; callers can compare the returned level.
const DiffKernel &selectDiffKernel(std::optional<SimdLevel> requested);

// What a BATON_SIMD value asks for: overrideName is the variable's value, null or empty
// when it is unset. Unset gives the fastest kernel. A name that is no level, or a level
// this build or CPU lacks, gives the fastest too, and warning says so in one line.
struct DiffKernelChoice {
    const DiffKernel &kernel;
    std::string warning;
};
DiffKernelChoice chooseDiffKernel(const char *overrideName);

// The kernel of every FrameDiffer whose options name none, sessions' included:
// chooseDiffKernel() of BATON_SIMD, decided on first use for the life of the process;
// its warning, if any, goes to stderr once.
const DiffKernel &defaultDiffKernel();

} // namespace baton
