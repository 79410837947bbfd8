#pragma once

#include "codecs/frame/Rect.h"

#include <cstdint>
#include <initializer_list>
#include <span>
#include <vector>

namespace baton {

// A set of pixels stored as non-overlapping rectangles in canonical "y-x banded" form,
// as X11 and pixman keep regions: rectangles are sorted by top edge, then left edge;
// rectangles with the same top share the same bottom (a band); spans inside a band
// neither touch nor overlap; and two vertically adjacent bands with identical spans
// are merged into one. Because the form is canonical, two regions holding the same
// pixels hold the same rectangles, so equality is a plain comparison.
//
// Every set operation is one sweep over the bands of both operands: O(n + m) bands,
// each band merged in O(spans).
class Region {
public:
    Region() = default;
    explicit Region(const Rect &rect);
    Region(std::initializer_list<Rect> rects);

    static Region fromRects(std::span<const Rect> rects);

    bool isEmpty() const { return rects_.empty(); }
    // The canonical rectangles, in band order.
    std::span<const Rect> rects() const { return rects_; }
    std::size_t rectCount() const { return rects_.size(); }
    Rect boundingRect() const { return bounds_; }
    int64_t area() const;

    bool contains(int32_t x, int32_t y) const;
    bool contains(const Rect &rect) const;
    bool intersects(const Rect &rect) const;

    Region united(const Region &other) const;
    Region intersected(const Region &other) const;
    Region subtracted(const Region &other) const;
    Region united(const Rect &rect) const { return united(Region(rect)); }
    Region intersected(const Rect &rect) const { return intersected(Region(rect)); }
    Region subtracted(const Rect &rect) const { return subtracted(Region(rect)); }
    Region translated(int32_t dx, int32_t dy) const;

    Region &operator|=(const Region &other) { return *this = united(other); }
    Region &operator&=(const Region &other) { return *this = intersected(other); }
    Region &operator-=(const Region &other) { return *this = subtracted(other); }

    void clear();

    friend bool operator==(const Region &a, const Region &b) { return a.rects_ == b.rects_; }

private:
    enum class Op { Union, Intersect, Subtract };
    static Region combine(const Region &a, const Region &b, Op op);
    void appendBand(int32_t top, int32_t bottom, std::span<const Rect> spans);
    void updateBounds();

    std::vector<Rect> rects_;
    Rect bounds_;
};

} // namespace baton
