#pragma once

#include <QStringList>

namespace baton::cli {

// baton-cli bench diff [--json] [--runs N] [--kernel NAME]: every available FrameDiffer
// kernel (only NAME, or only the one BATON_SIMD makes sessions use, when either is given)
// against memcmp of the same two frames, at 1080p and 4K, with 0, 1 and 25 % of the tiles
// changed. Prints one line (or JSON object) per case, naming the kernel the differ ran,
// timings as medians.
int runDiffBench(const QStringList &args);

} // namespace baton::cli
