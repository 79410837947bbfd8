#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/frame/Region.h"
#include "codecs/motion/MotionResult.h"
#include "codecs/motion/RowHash.h"

#include <optional>
#include <vector>

namespace baton {

struct MotionDetectorOptions {
    // A dirty area narrower or shorter than this is not worth a search.
    int32_t minAreaWidthPx = 16;
    int32_t minAreaHeightPx = 16;
    // A verified run of rows shorter than this becomes pixels, not a move.
    int32_t minMoveRows = 8;
    int32_t maxMovesPerArea = 4;
    // The row hasher to use; empty picks the fastest available.
    std::string_view hasherName;
};

// Finds vertical scrolls inside the dirty region of a frame and turns them into copy
// moves plus a residual region.
//
// For each connected part of the dirty region, rows of the new frame and of the old
// frame around it are hashed (CRC-32C) over the part's columns; offsets at which
// distinctive rows reappear vote; each candidate offset is checked row by row, first
// by hash, then by an exact comparison of the pixels, and the longest verified runs
// become moves. Nothing is ever reported that was not compared byte for byte.
//
// Runs after FrameDiffer (with keepPrevious), once per frame for all viewers, on the
// thread of its owner (a HostSession, on the session's own thread). Not thread-safe.
class MotionDetector {
public:
    explicit MotionDetector(MotionDetectorOptions options = {});

    // previous and dirty are FrameDiffer::previous() and result().dirty; current is the
    // frame just diffed. Returns no moves (residual = dirty) when previous is null.
    MotionResult detect(const FrameView &previous, const FrameView &current, const Region &dirty);

    std::string_view hasherName() const { return hasher_.name; }

private:
    class AreaSearch;

    MotionDetectorOptions options_;
    RowHasher hasher_;
};

} // namespace baton
