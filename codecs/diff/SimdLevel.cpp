#include "codecs/diff/SimdLevel.h"

#include <array>
#include <utility>

namespace baton {
namespace {

constexpr std::array kNames = {
    std::pair{SimdLevel::Scalar, std::string_view("scalar")},
    std::pair{SimdLevel::Sse2, std::string_view("sse2")},
    std::pair{SimdLevel::Avx2, std::string_view("avx2")},
    std::pair{SimdLevel::Avx512, std::string_view("avx512")},
    std::pair{SimdLevel::Neon, std::string_view("neon")},
};

} // namespace

std::string_view simdLevelName(SimdLevel level)
{
    for (const auto &[value, name] : kNames) {
        if (value == level)
            return name;
    }
    return "unknown";
}

std::optional<SimdLevel> simdLevelFromName(std::string_view name)
{
    for (const auto &[value, candidate] : kNames) {
        if (candidate == name)
            return value;
    }
    return std::nullopt;
}

bool isSimdLevelAvailable(SimdLevel level)
{
    switch (level) {
    case SimdLevel::Scalar:
        return true;
#if defined(__x86_64__) || defined(__i386__)
    case SimdLevel::Sse2:
        return __builtin_cpu_supports("sse2");
    case SimdLevel::Avx2:
        return __builtin_cpu_supports("avx2");
    case SimdLevel::Avx512:
        // The kernels use byte-granular masks (BW) on top of the foundation (F).
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
    case SimdLevel::Neon:
        return false;
#elif defined(__aarch64__)
    case SimdLevel::Neon:
        return true; // Advanced SIMD is mandatory on AArch64.
    default:
        return false;
#else
    default:
        return false;
#endif
    }
    return false;
}

} // namespace baton
