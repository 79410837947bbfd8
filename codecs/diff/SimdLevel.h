#pragma once

#include <optional>
#include <string_view>

namespace baton {

// The instruction sets Baton has hand-written kernels for. Scalar is the portable
// reference every other kernel is tested against.
enum class SimdLevel { Scalar, Sse2, Avx2, Avx512, Neon };

std::string_view simdLevelName(SimdLevel level);
// Parses "scalar", "sse2", "avx2", "avx512" or "neon"; nullopt for anything else.
std::optional<SimdLevel> simdLevelFromName(std::string_view name);
// True when this build has the kernel and this CPU (and OS) can run it.
bool isSimdLevelAvailable(SimdLevel level);

} // namespace baton
