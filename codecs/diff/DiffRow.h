#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

// Internal to codecs/diff: the row job every diff kernel runs, and the segment loop the
// kernels share. Each kernel file includes this header inside its own flags, so the loop
// is compiled once per instruction set with that file's compare inlined into it.
namespace baton::diff {

// One row of one damage span, split at tile boundaries into segments: the first segment
// is firstSegmentBytes long (the span may start inside a tile), the next ones
// segmentBytes, the last one whatever remains. Lengths are multiples of 4 (whole pixels).
struct DiffRowJob {
    const uint8_t *current = nullptr;
    uint8_t *reference = nullptr;
    // Where the reference's old pixels go before they are overwritten; null when the
    // caller does not keep the previous frame.
    uint8_t *previous = nullptr;
    std::size_t spanBytes = 0;
    std::size_t firstSegmentBytes = 0;
    std::size_t segmentBytes = 0;
    // One flag per segment, written (not or-ed): 1 when the segment changed.
    uint8_t *segmentChanged = nullptr;
};

// Compares every segment of the job; for a changed one, saves the reference into
// previous (when set), copies current into the reference and flags it. Returns true
// when any segment changed.
using DiffRowFn = bool (*)(const DiffRowJob &job);

bool diffRowScalar(const DiffRowJob &job);
bool diffRowSse2(const DiffRowJob &job);
bool diffRowAvx2(const DiffRowJob &job);
bool diffRowAvx512(const DiffRowJob &job);
bool diffRowNeon(const DiffRowJob &job);

namespace {

// Compares n bytes (a multiple of 4, below 16) with overlapping 8/4-byte loads.
inline bool smallEqual(const uint8_t *a, const uint8_t *b, std::size_t n)
{
    if (n >= 8) {
        uint64_t a0, b0, a1, b1;
        std::memcpy(&a0, a, 8);
        std::memcpy(&b0, b, 8);
        std::memcpy(&a1, a + n - 8, 8);
        std::memcpy(&b1, b + n - 8, 8);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    if (n >= 4) {
        uint32_t a0, b0;
        std::memcpy(&a0, a, 4);
        std::memcpy(&b0, b, 4);
        return a0 == b0;
    }
    return true;
}

template <typename Equal> inline bool diffRowSegments(const DiffRowJob &job, Equal equal)
{
    bool anyChanged = false;
    std::size_t offset = 0;
    std::size_t length = job.firstSegmentBytes;
    for (uint8_t *flag = job.segmentChanged; offset < job.spanBytes; ++flag) {
        if (length > job.spanBytes - offset)
            length = job.spanBytes - offset;
        const uint8_t *current = job.current + offset;
        uint8_t *reference = job.reference + offset;
        const bool changed = !equal(current, reference, length);
        if (changed) {
            if (job.previous != nullptr)
                std::memcpy(job.previous + offset, reference, length);
            std::memcpy(reference, current, length);
        }
        *flag = changed ? 1 : 0;
        anyChanged |= changed;
        offset += length;
        length = job.segmentBytes;
    }
    return anyChanged;
}

} // namespace
} // namespace baton::diff
