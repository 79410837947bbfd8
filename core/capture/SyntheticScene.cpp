#include "core/capture/SyntheticScene.h"

#include <algorithm>
#include <cstring>

namespace baton {
namespace {

// splitmix64: a cheap, well-mixed hash for glyph shapes and noise.
uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

} // namespace

SyntheticScene::SyntheticScene(SyntheticSceneKind kind, int32_t width, int32_t height,
                               uint32_t seed, int32_t scrollLines)
    : kind_(kind),
      frame_(width, height),
      seed_(seed),
      scrollLines_(std::max(1, scrollLines)),
      linesPerPage_((height + kLineHeightPx - 1) / kLineHeightPx),
      columns_(std::max(1, width / kGlyphWidthPx)),
      noiseState_(seed)
{
    frame_.fill(kPaper);
    if (kind_ == SyntheticSceneKind::Typing)
        return; // typing starts on an empty page
    for (int32_t row = 0; row < linesPerPage_; ++row)
        drawLine(row * kLineHeightPx, row, glyphsOnLine(row));
    if (kind_ == SyntheticSceneKind::Video)
        noise();
}

int32_t SyntheticScene::glyphsOnLine(int64_t line) const
{
    // Ragged lines, a blank one now and then, as in code or prose.
    const uint64_t h = mix(uint64_t(line) * 31 + seed_);
    if (h % 9 == 0)
        return 0;
    return int32_t(h % uint64_t(columns_)) + 1;
}

void SyntheticScene::drawGlyph(int32_t x, int32_t y, uint64_t shape)
{
    const MutableFrameView view = frame_.mutableView();
    for (int32_t gy = 1; gy < kGlyphHeightPx - 2; ++gy) {
        if (y + gy < 0 || y + gy >= frame_.height())
            continue;
        const std::span<uint32_t> row = view.row(y + gy);
        const uint64_t bits = shape >> ((gy * 5) % 58);
        for (int32_t gx = 1; gx < kGlyphWidthPx - 1 && x + gx < frame_.width(); ++gx)
            row[std::size_t(x + gx)] = (bits >> gx) & 1 ? kInk : kPaper;
    }
}

void SyntheticScene::drawLine(int32_t top, int64_t line, int32_t glyphs)
{
    frame_.mutableView().fill({0, top, frame_.width(), kLineHeightPx}, kPaper);
    for (int32_t g = 0; g < glyphs; ++g) {
        const uint64_t shape = mix((uint64_t(line) << 16) + uint64_t(g) + (uint64_t(seed_) << 40));
        // Every sixth-ish cell is a space.
        if (shape % 6 != 0)
            drawGlyph(g * kGlyphWidthPx, top, shape);
    }
}

Region SyntheticScene::scrollUp(int32_t lines)
{
    const int32_t shiftPx = std::min(lines * kLineHeightPx, frame_.height());
    const Frame moved = Frame::copyOf(
        frame_.view().subView({0, shiftPx, frame_.width(), frame_.height() - shiftPx}));
    if (!moved.isNull())
        frame_.mutableView().copyFrom(moved, 0, 0);
    firstLine_ += lines;
    // Redraw the rows from the first one the scroll exposed to the bottom.
    const int32_t keptRows = std::max(0, linesPerPage_ - lines);
    for (int32_t row = keptRows; row < linesPerPage_; ++row) {
        const int32_t top = row * kLineHeightPx;
        if (kind_ == SyntheticSceneKind::Typing)
            frame_.mutableView().fill({0, top, frame_.width(), kLineHeightPx}, kPaper);
        else
            drawLine(top, firstLine_ + row, glyphsOnLine(firstLine_ + row));
    }
    return Region(frame_.rect());
}

Region SyntheticScene::typeOne()
{
    Region changed;
    if (cursorColumn_ >= std::min(columns_, glyphsOnLine(firstLine_ + cursorRow_) + 1)) {
        cursorColumn_ = 0;
        ++cursorRow_;
    }
    if (cursorRow_ >= linesPerPage_ - 1) {
        changed = scrollUp(1);
        cursorRow_ = linesPerPage_ - 2;
    }
    const int32_t x = cursorColumn_ * kGlyphWidthPx;
    const int32_t y = cursorRow_ * kLineHeightPx;
    drawGlyph(x, y,
              mix((uint64_t(firstLine_ + cursorRow_) << 16) + uint64_t(cursorColumn_) +
                  (uint64_t(seed_) << 40)) |
                  1);
    ++cursorColumn_;
    return changed.united(Rect{x, y, kGlyphWidthPx, kGlyphHeightPx}.intersected(frame_.rect()));
}

Region SyntheticScene::noise()
{
    const Rect block =
        Rect{frame_.width() / 4, frame_.height() / 4, frame_.width() / 2, frame_.height() / 2}
            .intersected(frame_.rect());
    const MutableFrameView view = frame_.mutableView();
    for (int32_t y = block.y; y < block.bottom(); ++y) {
        const std::span<uint32_t> row = view.row(y);
        for (int32_t x = block.x; x < block.right(); ++x) {
            noiseState_ = mix(noiseState_);
            row[std::size_t(x)] = uint32_t(noiseState_) | 0xff000000u;
        }
    }
    return Region(block);
}

Region SyntheticScene::step()
{
    ++steps_;
    switch (kind_) {
    case SyntheticSceneKind::Idle:
        return {};
    case SyntheticSceneKind::Typing:
        return typeOne();
    case SyntheticSceneKind::Scrolling:
        return scrollUp(scrollLines_);
    case SyntheticSceneKind::Video:
        return noise();
    }
    return {};
}

} // namespace baton
