#pragma once

#include "codecs/diff/DiffKernel.h"
#include "codecs/diff/DiffResult.h"
#include "codecs/frame/Frame.h"

#include <optional>
#include <vector>

namespace baton {

struct FrameDifferOptions {
    // Tiles are square; the dirty-tile bitmap has one flag per tile. Clamped to [4, 1024].
    int32_t tileSizePx = 64;
    // The kernel to use; nullopt picks defaultDiffKernel(): the one BATON_SIMD names,
    // else the fastest one the CPU runs.
    std::optional<SimdLevel> simd;
    // Keep the reference's old pixels wherever they change, so that a MotionDetector
    // can look for scrolls after the reference was updated. Costs one extra copy of
    // the changed pixels only.
    bool keepPrevious = false;
};

// Compares each new frame with a reference (the last frame every viewer has), inside
// the damage hint, and updates the reference in the same pass: a changed tile-row
// segment is copied into the reference right after it was found different, while it is
// still in cache. The damage hint says where to look; the differ says what changed.
//
// One FrameDiffer serves all viewers of a session: per-viewer bookkeeping belongs to
// the broadcaster, which accumulates result().dirty for each viewer. Not thread-safe:
// its owner calls it on one thread (a HostSession, on the session's own thread).
class FrameDiffer {
public:
    explicit FrameDiffer(FrameDifferOptions options = {});

    // Compares frame with the reference inside damageHint (clipped to the frame).
    // Pixels outside the hint are neither compared nor copied. When the frame's size
    // differs from the reference's (the first frame, a resize), the reference becomes a
    // copy of the frame and the whole frame is dirty. The returned result lives until
    // the next call.
    const DiffResult &diff(const FrameView &frame, const Region &damageHint);
    // The same with the whole frame as the hint.
    const DiffResult &diff(const FrameView &frame) { return diff(frame, Region(frame.rect())); }

    const DiffResult &result() const { return result_; }
    // The reference: equal to the last frame inside every hint so far.
    FrameView reference() const { return reference_.view(); }
    // With keepPrevious, the reference as it was before the last diff(), valid inside
    // result().dirty; outside it the old pixels equal the new ones. Null otherwise,
    // and null after a full-frame diff (there was no previous frame of that size).
    FrameView previous() const;

    // Forgets the reference: the next diff() reports the whole frame.
    void reset();

    SimdLevel simdLevel() const { return kernel_.level; }
    int32_t tileSizePx() const { return tileSizePx_; }

private:
    void takeFullFrame(const FrameView &frame);
    void diffRow(const FrameView &frame, int32_t y, const Rect &span);

    const DiffKernel &kernel_;
    int32_t tileSizePx_;
    bool keepPrevious_;
    Frame reference_;
    Frame previous_;
    DiffResult result_;
    std::vector<uint8_t> segmentFlags_;
    // Changed spans of the row being diffed, merged where they touch.
    std::vector<Rect> rowSpans_;
};

} // namespace baton
