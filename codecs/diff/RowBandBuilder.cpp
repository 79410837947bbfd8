#include "codecs/diff/RowBandBuilder.h"

#include <algorithm>

namespace baton {
namespace {

bool sameSpans(std::span<const Rect> a, std::span<const Rect> b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Rect &l, const Rect &r) {
        return l.x == r.x && l.width == r.width;
    });
}

} // namespace

void RowBandBuilder::addRow(int32_t y, std::span<const Rect> spans)
{
    if (!bandSpans_.empty() && y == bandBottom_ && sameSpans(bandSpans_, spans)) {
        ++bandBottom_;
        return;
    }
    closeBand();
    if (spans.empty())
        return;
    bandSpans_.assign(spans.begin(), spans.end());
    bandTop_ = y;
    bandBottom_ = y + 1;
}

void RowBandBuilder::closeBand()
{
    for (const Rect &span : bandSpans_)
        rects_.push_back({span.x, bandTop_, span.width, bandBottom_ - bandTop_});
    bandSpans_.clear();
}

Region RowBandBuilder::finish()
{
    closeBand();
    Region region = Region::fromRects(rects_);
    rects_.clear();
    return region;
}

} // namespace baton
