#include "codecs/motion/MotionDetector.h"

#include "codecs/motion/OldFrameRows.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <unordered_map>

namespace baton {
namespace {

// A row hash seen more often than this in the old frame (blank lines, rules) says
// nothing about where a row came from, so it does not vote.
constexpr std::size_t kMaxVotingRepeats = 4;
constexpr std::size_t kMaxCandidateOffsets = 8;

RowHasher pickHasher(std::string_view name)
{
    const std::span<const RowHasher> hashers = availableRowHashers();
    for (const RowHasher &hasher : hashers) {
        if (hasher.name == name)
            return hasher;
    }
    return hashers.back();
}

// Dirty rows closer than this belong to one area: the unchanged gaps between lines of
// text must not cut a scrolled view into pieces.
constexpr int32_t kBridgePx = 64;

// The bounding rectangles of the parts of a canonical region, where rects whose columns
// overlap and whose rows are at most kBridgePx apart belong to the same part.
std::vector<Rect> connectedParts(const Region &region)
{
    const std::span<const Rect> rects = region.rects();
    std::vector<std::size_t> parent(rects.size());
    std::iota(parent.begin(), parent.end(), std::size_t{0});
    auto find = [&parent](std::size_t i) {
        while (parent[i] != i)
            i = parent[i] = parent[parent[i]];
        return i;
    };
    std::size_t windowBegin = 0;
    for (std::size_t i = 0; i < rects.size(); ++i) {
        // Rects are sorted by top and bottoms grow with tops, so the rects within reach
        // of rect i form a window that only moves forward.
        while (rects[windowBegin].bottom() + kBridgePx < rects[i].y)
            ++windowBegin;
        for (std::size_t above = windowBegin; above < i; ++above) {
            if (rects[above].y == rects[i].y)
                break;
            if (rects[i].x < rects[above].right() && rects[above].x < rects[i].right())
                parent[find(i)] = find(above);
        }
    }
    std::unordered_map<std::size_t, Rect> bounds;
    for (std::size_t i = 0; i < rects.size(); ++i) {
        Rect &bound = bounds[find(i)];
        bound = bound.united(rects[i]);
    }
    std::vector<Rect> parts;
    for (const auto &[root, bound] : bounds)
        parts.push_back(bound);
    std::sort(parts.begin(), parts.end(),
              [](const Rect &a, const Rect &b) { return a.y != b.y ? a.y < b.y : a.x < b.x; });
    return parts;
}

} // namespace

// The search inside one part. The part is cut into vertical strips (a tile wide) so
// that an unrelated change beside a scrolled view (an animated chart, a scrollbar) only
// spoils its own strips: rows are hashed per strip, offsets voted for, cells (strip ×
// row) verified byte for byte, and the largest rectangle of verified cells becomes a move.
class MotionDetector::AreaSearch {
public:
    AreaSearch(const MotionDetectorOptions &options, RowHashFn hash, const FrameView &current,
               OldFrameRows &old, const Region &dirty, const Rect &area)
        : options_(options),
          hash_(hash),
          current_(current),
          old_(old),
          area_(area),
          strips_((area.width + kStripWidthPx - 1) / kStripWidthPx),
          oldTop_(std::max(0, area.y - area.height)),
          oldBottom_(std::min(current.height(), area.bottom() + area.height)),
          dirtyCells_(cellCount(), 0),
          taken_(cellCount(), 0)
    {
        const Region inside = dirty.intersected(area);
        for (const Rect &r : inside.rects())
            for (int32_t y = r.y; y < r.bottom(); ++y)
                for (int32_t s = stripOf(r.x); s <= stripOf(r.right() - 1); ++s)
                    dirtyCells_[cell(y - area.y, s)] = 1;
    }

    void run(std::vector<CopyMove> &moves)
    {
        hashRows();
        int32_t found = 0;
        std::vector<uint8_t> matched(cellCount());
        for (int32_t offset : candidateOffsets()) {
            for (int32_t i = 0; i < area_.height; ++i)
                matchRow(i, offset, matched);
            while (found < options_.maxMovesPerArea) {
                const CellRect best = largestRectangle(matched);
                if (best.rows < options_.minMoveRows || !coversDirty(best))
                    break;
                const int32_t x = area_.x + best.strip * kStripWidthPx;
                const int32_t right =
                    std::min(area_.right(), area_.x + (best.strip + best.strips) * kStripWidthPx);
                const Rect source{x, area_.y + best.row + offset, right - x, best.rows};
                markTaken(best, matched);
                // A move that copies one flat colour is a fill in disguise (blank lines
                // matching blank lines at any offset): leave it to the encoder's fills.
                if (!isUniform(source.translated(0, -offset)) && accept(moves, source, -offset))
                    ++found;
            }
        }
    }

private:
    static constexpr int32_t kStripWidthPx = 64;

    struct CellRect {
        int32_t row = 0;
        int32_t strip = 0;
        int32_t rows = 0;
        int32_t strips = 0;
    };

    std::size_t cellCount() const { return std::size_t(area_.height) * std::size_t(strips_); }
    std::size_t cell(int32_t row, int32_t strip) const
    {
        return std::size_t(row) * std::size_t(strips_) + std::size_t(strip);
    }
    int32_t stripOf(int32_t x) const { return (x - area_.x) / kStripWidthPx; }
    int32_t stripLeft(int32_t s) const { return area_.x + s * kStripWidthPx; }
    std::size_t stripBytes(int32_t s) const
    {
        return std::size_t(std::min(kStripWidthPx, area_.right() - stripLeft(s))) * kBytesPerPixel;
    }
    std::size_t rowBytes() const { return std::size_t(area_.width) * kBytesPerPixel; }
    const uint8_t *currentRow(int32_t y) const
    {
        return current_.rowBytes(y).data() + std::ptrdiff_t{area_.x} * kBytesPerPixel;
    }

    void hashStrips(const uint8_t *row, uint32_t *out) const
    {
        for (int32_t s = 0; s < strips_; ++s)
            out[s] = hash_(row + std::ptrdiff_t{s} * kStripWidthPx * kBytesPerPixel, stripBytes(s));
    }

    void hashRows()
    {
        newHashes_.resize(cellCount());
        for (int32_t i = 0; i < area_.height; ++i)
            hashStrips(currentRow(area_.y + i), &newHashes_[cell(i, 0)]);
        oldHashes_.resize(std::size_t(oldBottom_ - oldTop_) * std::size_t(strips_));
        for (int32_t y = oldTop_; y < oldBottom_; ++y)
            hashStrips(old_.row(y, area_.x, area_.right()),
                       &oldHashes_[std::size_t(y - oldTop_) * std::size_t(strips_)]);
    }

    uint32_t oldHash(int32_t y, int32_t s) const
    {
        return oldHashes_[std::size_t(y - oldTop_) * std::size_t(strips_) + std::size_t(s)];
    }

    static uint64_t key(uint32_t hash, int32_t strip)
    {
        return uint64_t(hash) << 20 | uint32_t(strip);
    }

    // Offsets at which distinctive strip rows of the new frame appear in the old one,
    // most voted first.
    std::vector<int32_t> candidateOffsets() const
    {
        std::unordered_map<uint64_t, std::vector<int32_t>> where;
        for (int32_t y = oldTop_; y < oldBottom_; ++y) {
            for (int32_t s = 0; s < strips_; ++s) {
                std::vector<int32_t> &rows = where[key(oldHash(y, s), s)];
                if (rows.size() <= kMaxVotingRepeats)
                    rows.push_back(y);
            }
        }
        std::unordered_map<int32_t, int32_t> votes;
        for (int32_t i = 0; i < area_.height; ++i) {
            for (int32_t s = 0; s < strips_; ++s) {
                if (dirtyCells_[cell(i, s)] == 0)
                    continue;
                const auto it = where.find(key(newHashes_[cell(i, s)], s));
                if (it == where.end() || it->second.size() > kMaxVotingRepeats)
                    continue;
                for (int32_t oldY : it->second) {
                    if (oldY != area_.y + i)
                        ++votes[oldY - (area_.y + i)];
                }
            }
        }
        std::vector<std::pair<int32_t, int32_t>> ranked(votes.begin(), votes.end());
        std::sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        std::vector<int32_t> offsets;
        for (std::size_t i = 0; i < ranked.size() && i < kMaxCandidateOffsets; ++i)
            offsets.push_back(ranked[i].first);
        return offsets;
    }

    // Marks the cells of row i that equal the old pixels `offset` rows away: hash first,
    // then bytes. The old row is composed at most once, and only when a hash matched.
    void matchRow(int32_t i, int32_t offset, std::vector<uint8_t> &matched)
    {
        const int32_t sourceY = area_.y + i + offset;
        const bool inRange = sourceY >= oldTop_ && sourceY < oldBottom_;
        const uint8_t *oldRow = nullptr;
        for (int32_t s = 0; s < strips_; ++s) {
            bool match =
                inRange && taken_[cell(i, s)] == 0 && oldHash(sourceY, s) == newHashes_[cell(i, s)];
            if (match) {
                if (oldRow == nullptr)
                    oldRow = old_.row(sourceY, area_.x, area_.right());
                const std::ptrdiff_t skip = std::ptrdiff_t{s} * kStripWidthPx * kBytesPerPixel;
                match =
                    std::memcmp(oldRow + skip, currentRow(area_.y + i) + skip, stripBytes(s)) == 0;
            }
            matched[cell(i, s)] = match ? 1 : 0;
        }
    }

    // The largest all-set rectangle of cells, by the histogram method: O(cells).
    CellRect largestRectangle(const std::vector<uint8_t> &set) const
    {
        CellRect best;
        std::vector<int32_t> heights(std::size_t(strips_) + 1, 0);
        std::vector<int32_t> stack;
        for (int32_t i = 0; i < area_.height; ++i) {
            for (int32_t s = 0; s < strips_; ++s)
                heights[std::size_t(s)] = set[cell(i, s)] ? heights[std::size_t(s)] + 1 : 0;
            stack.clear();
            for (int32_t s = 0; s <= strips_; ++s) {
                while (!stack.empty() &&
                       heights[std::size_t(stack.back())] >= heights[std::size_t(s)]) {
                    const int32_t h = heights[std::size_t(stack.back())];
                    stack.pop_back();
                    const int32_t left = stack.empty() ? 0 : stack.back() + 1;
                    if (int64_t{h} * (s - left) > int64_t{best.rows} * best.strips)
                        best = {i - h + 1, left, h, s - left};
                }
                stack.push_back(s);
            }
        }
        return best;
    }

    bool isUniform(const Rect &rect) const
    {
        const uint32_t first = current_.pixel(rect.x, rect.y);
        for (int32_t y = rect.y; y < rect.bottom(); ++y) {
            const std::span<const uint32_t> row =
                current_.row(y).subspan(std::size_t(rect.x), std::size_t(rect.width));
            if (std::any_of(row.begin(), row.end(), [first](uint32_t p) { return p != first; }))
                return false;
        }
        return true;
    }

    bool coversDirty(const CellRect &r) const
    {
        for (int32_t i = r.row; i < r.row + r.rows; ++i)
            for (int32_t s = r.strip; s < r.strip + r.strips; ++s)
                if (dirtyCells_[cell(i, s)] != 0)
                    return true;
        return false;
    }

    void markTaken(const CellRect &r, std::vector<uint8_t> &matched)
    {
        for (int32_t i = r.row; i < r.row + r.rows; ++i)
            for (int32_t s = r.strip; s < r.strip + r.strips; ++s) {
                taken_[cell(i, s)] = 1;
                matched[cell(i, s)] = 0;
            }
    }

    // Keeps the move unless its source overlaps an earlier destination, which would make
    // in-order application read already-moved pixels.
    static bool accept(std::vector<CopyMove> &moves, const Rect &source, int32_t dy)
    {
        for (const CopyMove &move : moves) {
            if (move.destination().intersects(source))
                return false;
        }
        moves.push_back({source, 0, dy});
        return true;
    }

    const MotionDetectorOptions &options_;
    RowHashFn hash_;
    const FrameView &current_;
    OldFrameRows &old_;
    Rect area_;
    int32_t strips_;
    int32_t oldTop_;
    int32_t oldBottom_;
    std::vector<uint8_t> dirtyCells_;
    std::vector<uint8_t> taken_;
    std::vector<uint32_t> newHashes_;
    std::vector<uint32_t> oldHashes_;
};

MotionDetector::MotionDetector(MotionDetectorOptions options)
    : options_(options), hasher_(pickHasher(options.hasherName))
{
}

MotionResult MotionDetector::detect(const FrameView &previous, const FrameView &current,
                                    const Region &dirty)
{
    MotionResult result;
    result.residual = dirty;
    if (previous.isNull() || current.isNull() || previous.width() != current.width() ||
        previous.height() != current.height())
        return result;
    OldFrameRows old(previous, current, dirty);
    for (const Rect &part : connectedParts(dirty.intersected(current.rect()))) {
        if (part.width < options_.minAreaWidthPx || part.height < options_.minAreaHeightPx)
            continue;
        AreaSearch(options_, hasher_.hash, current, old, dirty, part).run(result.moves);
    }
    for (const CopyMove &move : result.moves)
        result.residual -= Region(move.destination());
    return result;
}

} // namespace baton
