#pragma once

#include "codecs/frame/Region.h"

#include <span>
#include <vector>

namespace baton {

// Builds a Region from pixel rows given top to bottom, each as sorted, disjoint,
// non-touching one-row spans: consecutive rows with identical spans become one band,
// so a region of n changed rows costs O(bands) rectangles instead of O(n).
class RowBandBuilder {
public:
    // Adds the spans of row y (each a Rect of height 1 at y). Rows must come in
    // increasing y; skipped rows are empty.
    void addRow(int32_t y, std::span<const Rect> spans);
    Region finish();

private:
    void closeBand();

    std::vector<Rect> bandSpans_;
    int32_t bandTop_ = 0;
    int32_t bandBottom_ = 0;
    std::vector<Rect> rects_;
};

} // namespace baton
