#include "codecs/classify/RegionClassifier.h"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace baton::classify {

RegionClassifier::RegionClassifier(ClassifierConfig config) : config_(config)
{
    if (config_.tileSizePx < 8 || config_.historyFrames < 1 || config_.historyFrames > 32 ||
        config_.minChangedFrames < 1 || config_.minChangedFrames > config_.historyFrames)
        throw std::invalid_argument("RegionClassifier: inconsistent configuration");
}

void RegionClassifier::reset()
{
    tiles_.assign(tiles_.size(), TileState{});
    previousVideo_.clear();
}

void RegionClassifier::resize(int32_t width, int32_t height)
{
    width_ = width;
    height_ = height;
    columns_ = (width + config_.tileSizePx - 1) / config_.tileSizePx;
    rows_ = (height + config_.tileSizePx - 1) / config_.tileSizePx;
    tiles_.assign(static_cast<std::size_t>(columns_) * rows_, TileState{});
    previousVideo_.clear();
}

Classification RegionClassifier::classify(const FrameView &frame, const Region &changed)
{
    if (frame.width() != width_ || frame.height() != height_)
        resize(frame.width(), frame.height());
    const uint32_t historyMask =
        config_.historyFrames == 32 ? ~0u : (1u << config_.historyFrames) - 1;
    const int32_t size = config_.tileSizePx;

    std::vector<uint8_t> candidate(tiles_.size(), 0);
    for (int32_t row = 0; row < rows_; ++row) {
        for (int32_t column = 0; column < columns_; ++column) {
            TileState &state = tiles_[static_cast<std::size_t>(row) * columns_ + column];
            const Rect tileRect = Rect{column * size, row * size, size, size}.intersected(frame.rect());
            const bool changedNow = changed.intersects(tileRect);
            state.changedBits = ((state.changedBits << 1) | (changedNow ? 1u : 0u)) & historyMask;
            // Colours are counted only where pixels changed; a still tile keeps its
            // last verdict (and cannot be video for long: its history empties).
            if (changedNow)
                state.manyColours =
                    palette_.build(frame.subView(tileRect)) == tile::PaletteFit::TooManyColours;
            const int recentChanges = std::popcount(state.changedBits);
            // Hysteresis: a video tile stays video through a frame or two without
            // change (a 24 fps film captured at 30 fps) until its history empties.
            const bool moving = state.video ? recentChanges > 0
                                            : changedNow && recentChanges >= config_.minChangedFrames;
            state.video = moving && state.manyColours;
            candidate[static_cast<std::size_t>(row) * columns_ + column] = state.video;
        }
    }

    Classification result;
    result.video = videoComponents(candidate);
    result.lossless =
        changed.subtracted(result.video).united(previousVideo_.subtracted(result.video));
    previousVideo_ = result.video;
    // Tiles of groups too small to be video do not carry the hysteresis on.
    for (int32_t row = 0; row < rows_; ++row) {
        for (int32_t column = 0; column < columns_; ++column) {
            TileState &state = tiles_[static_cast<std::size_t>(row) * columns_ + column];
            state.video = state.video &&
                result.video.contains(Rect{column * size, row * size, 1, 1});
        }
    }
    return result;
}

Region RegionClassifier::videoComponents(const std::vector<uint8_t> &candidate) const
{
    // 4-connected components of candidate tiles; small ones are not video.
    std::vector<int32_t> component(candidate.size(), -1);
    std::vector<std::size_t> stack;
    std::vector<Rect> rects;
    const int32_t size = config_.tileSizePx;
    const Rect bounds{0, 0, width_, height_};
    for (std::size_t start = 0; start < candidate.size(); ++start) {
        if (!candidate[start] || component[start] >= 0)
            continue;
        std::vector<std::size_t> members;
        stack.push_back(start);
        component[start] = static_cast<int32_t>(start);
        while (!stack.empty()) {
            const std::size_t index = stack.back();
            stack.pop_back();
            members.push_back(index);
            const auto column = static_cast<int32_t>(index % static_cast<std::size_t>(columns_));
            const auto row = static_cast<int32_t>(index / static_cast<std::size_t>(columns_));
            const auto visit = [&](int32_t c, int32_t r) {
                if (c < 0 || r < 0 || c >= columns_ || r >= rows_)
                    return;
                const std::size_t next = static_cast<std::size_t>(r) * columns_ + c;
                if (candidate[next] && component[next] < 0) {
                    component[next] = static_cast<int32_t>(start);
                    stack.push_back(next);
                }
            };
            visit(column - 1, row);
            visit(column + 1, row);
            visit(column, row - 1);
            visit(column, row + 1);
        }
        if (static_cast<int>(members.size()) < config_.minVideoTiles)
            continue;
        for (const std::size_t index : members) {
            const auto column = static_cast<int32_t>(index % static_cast<std::size_t>(columns_));
            const auto row = static_cast<int32_t>(index / static_cast<std::size_t>(columns_));
            rects.push_back(Rect{column * size, row * size, size, size}.intersected(bounds));
        }
    }
    return Region::fromRects(rects);
}

} // namespace baton::classify
