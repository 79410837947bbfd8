#include "codecs/frame/Region.h"

#include <algorithm>
#include <limits>

namespace baton {
namespace {

// A horizontal span [x1, x2) inside a band.
struct Span {
    int32_t x1;
    int32_t x2;
};

// One band of a canonical region: rectangles [first, last) share top and bottom.
struct Band {
    int32_t top;
    int32_t bottom;
    std::span<const Rect> rects;
};

std::vector<Band> bandsOf(std::span<const Rect> rects)
{
    std::vector<Band> bands;
    std::size_t begin = 0;
    while (begin < rects.size()) {
        std::size_t end = begin + 1;
        while (end < rects.size() && rects[end].y == rects[begin].y)
            ++end;
        bands.push_back({rects[begin].y, rects[begin].bottom(), rects.subspan(begin, end - begin)});
        begin = end;
    }
    return bands;
}

// Combines two sorted, disjoint span lists with a per-pixel predicate, merging
// touching output spans so the result is canonical.
template <typename Keep>
void combineSpans(std::span<const Rect> a, std::span<const Rect> b, Keep keep,
                  std::vector<Span> &out)
{
    out.clear();
    std::size_t ia = 0;
    std::size_t ib = 0;
    bool inA = false;
    bool inB = false;
    // Edges of A and B in increasing x; at each edge the coverage flips for one side.
    auto nextEdge = [](std::span<const Rect> spans, std::size_t index, bool inside) {
        if (index >= spans.size())
            return std::numeric_limits<int32_t>::max();
        return inside ? spans[index].right() : spans[index].x;
    };
    int32_t openedAt = 0;
    bool open = false;
    while (true) {
        const int32_t ea = nextEdge(a, ia, inA);
        const int32_t eb = nextEdge(b, ib, inB);
        const int32_t x = std::min(ea, eb);
        if (x == std::numeric_limits<int32_t>::max())
            break;
        if (ea == x) {
            if (inA)
                ++ia;
            inA = !inA;
        }
        if (eb == x) {
            if (inB)
                ++ib;
            inB = !inB;
        }
        const bool covered = keep(inA, inB);
        if (covered && !open) {
            openedAt = x;
            open = true;
        } else if (!covered && open) {
            out.push_back({openedAt, x});
            open = false;
        }
    }
}

// Builds a canonical region band by band, coalescing a band into the previous one
// when they touch vertically and have identical spans.
class RegionBuilder {
public:
    void addBand(int32_t top, int32_t bottom, const std::vector<Span> &spans)
    {
        if (spans.empty() || bottom <= top)
            return;
        if (canCoalesce(top, spans)) {
            for (std::size_t i = lastBandStart_; i < rects_.size(); ++i)
                rects_[i].height = bottom - rects_[i].y;
            return;
        }
        lastBandStart_ = rects_.size();
        for (const Span &s : spans)
            rects_.push_back(Rect::fromEdges(s.x1, top, s.x2, bottom));
    }

    std::vector<Rect> take() { return std::move(rects_); }

private:
    bool canCoalesce(int32_t top, const std::vector<Span> &spans) const
    {
        if (rects_.empty() || rects_.back().bottom() != top)
            return false;
        if (rects_.size() - lastBandStart_ != spans.size())
            return false;
        for (std::size_t i = 0; i < spans.size(); ++i) {
            const Rect &r = rects_[lastBandStart_ + i];
            if (r.x != spans[i].x1 || r.right() != spans[i].x2)
                return false;
        }
        return true;
    }

    std::vector<Rect> rects_;
    std::size_t lastBandStart_ = 0;
};

} // namespace

Region::Region(const Rect &rect)
{
    if (!rect.isEmpty()) {
        rects_.push_back(rect);
        bounds_ = rect;
    }
}

Region::Region(std::initializer_list<Rect> rects)
    : Region(fromRects(std::span<const Rect>(rects.begin(), rects.size())))
{
}

Region Region::fromRects(std::span<const Rect> rects)
{
    // Pairwise unions keep the work O(n log n) bands instead of O(n²).
    if (rects.empty())
        return {};
    if (rects.size() == 1)
        return Region(rects.front());
    const std::size_t half = rects.size() / 2;
    return fromRects(rects.first(half)).united(fromRects(rects.subspan(half)));
}

int64_t Region::area() const
{
    int64_t total = 0;
    for (const Rect &r : rects_)
        total += r.area();
    return total;
}

bool Region::contains(int32_t x, int32_t y) const
{
    if (!bounds_.contains(x, y))
        return false;
    for (const Rect &r : rects_) {
        if (r.y > y)
            break;
        if (r.contains(x, y))
            return true;
    }
    return false;
}

bool Region::contains(const Rect &rect) const
{
    return Region(rect).subtracted(*this).isEmpty();
}

bool Region::intersects(const Rect &rect) const
{
    if (!bounds_.intersects(rect))
        return false;
    return std::any_of(rects_.begin(), rects_.end(),
                       [&rect](const Rect &r) { return r.intersects(rect); });
}

Region Region::united(const Region &other) const
{
    return combine(*this, other, Op::Union);
}
Region Region::intersected(const Region &other) const
{
    return combine(*this, other, Op::Intersect);
}
Region Region::subtracted(const Region &other) const
{
    return combine(*this, other, Op::Subtract);
}

Region Region::translated(int32_t dx, int32_t dy) const
{
    Region moved = *this;
    for (Rect &r : moved.rects_)
        r = r.translated(dx, dy);
    moved.bounds_ = bounds_.translated(dx, dy);
    return moved;
}

void Region::clear()
{
    rects_.clear();
    bounds_ = {};
}

Region Region::combine(const Region &a, const Region &b, Op op)
{
    // Short cuts that also keep the common cases allocation-free.
    if (op == Op::Intersect && !a.bounds_.intersects(b.bounds_))
        return {};
    if (op == Op::Subtract && (a.isEmpty() || !a.bounds_.intersects(b.bounds_)))
        return a;
    if (op == Op::Union && b.isEmpty())
        return a;
    if (op == Op::Union && a.isEmpty())
        return b;

    const std::vector<Band> bandsA = bandsOf(a.rects_);
    const std::vector<Band> bandsB = bandsOf(b.rects_);
    auto keep = [op](bool inA, bool inB) {
        switch (op) {
        case Op::Union:
            return inA || inB;
        case Op::Intersect:
            return inA && inB;
        case Op::Subtract:
            return inA && !inB;
        }
        return false;
    };

    RegionBuilder builder;
    std::vector<Span> spans;
    std::size_t ia = 0;
    std::size_t ib = 0;
    constexpr int32_t kNone = std::numeric_limits<int32_t>::max();
    int32_t y = std::numeric_limits<int32_t>::min();
    while (true) {
        while (ia < bandsA.size() && bandsA[ia].bottom <= y)
            ++ia;
        while (ib < bandsB.size() && bandsB[ib].bottom <= y)
            ++ib;
        if (ia == bandsA.size() && (op != Op::Union || ib == bandsB.size()))
            break;
        if (op == Op::Intersect && ib == bandsB.size())
            break;

        const bool activeA = ia < bandsA.size() && bandsA[ia].top <= y;
        const bool activeB = ib < bandsB.size() && bandsB[ib].top <= y;
        const int32_t edgeA =
            ia < bandsA.size() ? (activeA ? bandsA[ia].bottom : bandsA[ia].top) : kNone;
        const int32_t edgeB =
            ib < bandsB.size() ? (activeB ? bandsB[ib].bottom : bandsB[ib].top) : kNone;
        const int32_t end = std::min(edgeA, edgeB);
        if (activeA || activeB) {
            combineSpans(activeA ? bandsA[ia].rects : std::span<const Rect>{},
                         activeB ? bandsB[ib].rects : std::span<const Rect>{}, keep, spans);
            builder.addBand(y, end, spans);
        }
        y = end;
    }

    Region result;
    result.rects_ = builder.take();
    result.updateBounds();
    return result;
}

void Region::updateBounds()
{
    bounds_ = {};
    if (rects_.empty())
        return;
    int32_t left = rects_.front().x;
    int32_t right = rects_.front().right();
    for (const Rect &r : rects_) {
        left = std::min(left, r.x);
        right = std::max(right, r.right());
    }
    bounds_ = Rect::fromEdges(left, rects_.front().y, right, rects_.back().bottom());
}

} // namespace baton
