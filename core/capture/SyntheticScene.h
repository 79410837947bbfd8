#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/frame/Region.h"

#include <cstdint>

namespace baton {

enum class SyntheticSceneKind {
    Idle, // nothing changes
    Typing, // one character per step, a line feed at the margin, scrolling when full
    Scrolling, // a text page scrolling up by scrollLines lines per step
    Video, // a block of noise in the middle of a text page, new every step
};

// Deterministic pictures for tests and benchmarks, without Qt or a display: the same
// kind, size and seed give the same pixels on every machine. Text is drawn as 8×16
// glyphs whose shapes come from a hash of the character's position in an endless
// pseudo-text, on 18-pixel lines, so it has the structure of real text (runs, blank
// gaps, repeated lines never) and scrolls like it.
class SyntheticScene {
public:
    static constexpr int32_t kGlyphWidthPx = 8;
    static constexpr int32_t kGlyphHeightPx = 16;
    static constexpr int32_t kLineHeightPx = 18;
    static constexpr uint32_t kPaper = 0xfffafafau;
    static constexpr uint32_t kInk = 0xff202428u;

    SyntheticScene(SyntheticSceneKind kind, int32_t width, int32_t height, uint32_t seed = 1,
                   int32_t scrollLines = 1);

    SyntheticSceneKind kind() const { return kind_; }
    const Frame &frame() const { return frame_; }
    int64_t steps() const { return steps_; }

    // Advances one step and returns exactly the pixels that may have changed.
    Region step();

private:
    void drawLine(int32_t top, int64_t line, int32_t glyphs);
    int32_t glyphsOnLine(int64_t line) const;
    void drawGlyph(int32_t x, int32_t y, uint64_t shape);
    Region scrollUp(int32_t lines);
    Region typeOne();
    Region noise();

    SyntheticSceneKind kind_;
    Frame frame_;
    uint32_t seed_;
    int32_t scrollLines_;
    int32_t linesPerPage_;
    int32_t columns_;
    int64_t firstLine_ = 0;
    int64_t steps_ = 0;
    // Typing: the cursor, in cells.
    int32_t cursorColumn_ = 0;
    int32_t cursorRow_ = 0;
    uint64_t noiseState_;
};

} // namespace baton
