#include "codecs/motion/OldFrameRows.h"

#include <algorithm>
#include <cstring>

namespace baton {

OldFrameRows::OldFrameRows(const FrameView &previous, const FrameView &current, const Region &dirty)
    : previous_(previous), current_(current), rects_(dirty.rects())
{
}

const uint8_t *OldFrameRows::row(int32_t y, int32_t left, int32_t right)
{
    const Rect wanted{left, y, right - left, 1};
    // Rects are sorted by top edge; the first one that may hold row y is found by
    // binary search on bottoms, which are sorted too in a banded region.
    auto it = std::partition_point(rects_.begin(), rects_.end(),
                                   [y](const Rect &r) { return r.bottom() <= y; });
    const uint8_t *currentRow = current_.rowBytes(y).data() + std::ptrdiff_t{left} * kBytesPerPixel;
    bool copied = false;
    for (; it != rects_.end() && it->y <= y; ++it) {
        const Rect part = it->intersected(wanted);
        if (part.isEmpty())
            continue;
        if (part.x == left && part.right() == right)
            return previous_.rowBytes(y).data() + std::ptrdiff_t{left} * kBytesPerPixel;
        if (!copied) {
            scratch_.assign(currentRow, currentRow + std::ptrdiff_t{right - left} * kBytesPerPixel);
            copied = true;
        }
        std::memcpy(scratch_.data() + std::ptrdiff_t{part.x - left} * kBytesPerPixel,
                    previous_.rowBytes(y).data() + std::ptrdiff_t{part.x} * kBytesPerPixel,
                    static_cast<std::size_t>(part.width) * kBytesPerPixel);
    }
    return copied ? scratch_.data() : currentRow;
}

} // namespace baton
