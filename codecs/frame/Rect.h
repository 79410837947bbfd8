#pragma once

#include <algorithm>
#include <cstdint>
#include <ostream>

namespace baton {

// An axis-aligned rectangle in pixel coordinates: [x, x + width) × [y, y + height).
// A rectangle with a non-positive width or height is empty; all empty rectangles
// compare equal so that callers never have to normalise them.
struct Rect {
    int32_t x = 0;
    int32_t y = 0;
    int32_t width = 0;
    int32_t height = 0;

    static constexpr Rect fromEdges(int32_t left, int32_t top, int32_t right, int32_t bottom)
    {
        return {left, top, right - left, bottom - top};
    }

    constexpr int32_t left() const { return x; }
    constexpr int32_t top() const { return y; }
    // One past the last column / row.
    constexpr int32_t right() const { return x + width; }
    constexpr int32_t bottom() const { return y + height; }

    constexpr bool isEmpty() const { return width <= 0 || height <= 0; }
    constexpr int64_t area() const { return isEmpty() ? 0 : int64_t{width} * height; }

    constexpr bool contains(int32_t px, int32_t py) const
    {
        return px >= x && py >= y && px < right() && py < bottom();
    }
    constexpr bool contains(const Rect &other) const
    {
        return other.isEmpty() ||
            (!isEmpty() && other.x >= x && other.y >= y && other.right() <= right() &&
             other.bottom() <= bottom());
    }
    constexpr bool intersects(const Rect &other) const { return !intersected(other).isEmpty(); }

    constexpr Rect intersected(const Rect &other) const
    {
        const Rect r =
            fromEdges(std::max(x, other.x), std::max(y, other.y), std::min(right(), other.right()),
                      std::min(bottom(), other.bottom()));
        return r.isEmpty() ? Rect{} : r;
    }
    // The smallest rectangle holding both; an empty operand is ignored.
    constexpr Rect united(const Rect &other) const
    {
        if (isEmpty())
            return other.isEmpty() ? Rect{} : other;
        if (other.isEmpty())
            return *this;
        return fromEdges(std::min(x, other.x), std::min(y, other.y),
                         std::max(right(), other.right()), std::max(bottom(), other.bottom()));
    }
    constexpr Rect translated(int32_t dx, int32_t dy) const
    {
        return {x + dx, y + dy, width, height};
    }

    friend constexpr bool operator==(const Rect &a, const Rect &b)
    {
        if (a.isEmpty() || b.isEmpty())
            return a.isEmpty() && b.isEmpty();
        return a.x == b.x && a.y == b.y && a.width == b.width && a.height == b.height;
    }

    friend std::ostream &operator<<(std::ostream &os, const Rect &r)
    {
        return os << r.width << 'x' << r.height << '+' << r.x << '+' << r.y;
    }
};

} // namespace baton
