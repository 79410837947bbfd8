#include "codecs/diff/DiffRow.h"

namespace baton::diff {
namespace {

// The reference kernel: plain word compares, no intrinsics, any CPU.
bool scalarEqual(const uint8_t *a, const uint8_t *b, std::size_t n)
{
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        std::memcpy(&x, a + i, 8);
        std::memcpy(&y, b + i, 8);
        if (x != y)
            return false;
    }
    return smallEqual(a + i, b + i, n - i);
}

} // namespace

bool diffRowScalar(const DiffRowJob &job)
{
    return diffRowSegments(job, [](const uint8_t *a, const uint8_t *b, std::size_t n) {
        return scalarEqual(a, b, n);
    });
}

} // namespace baton::diff
