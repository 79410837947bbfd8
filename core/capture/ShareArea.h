#pragma once

#include "codecs/frame/Rect.h"

#include <chrono>
#include <optional>
#include <span>

namespace baton {

// Where an application share's picture lies on the desktop: the box around the
// application's windows. The box moves with the main window; it grows at once when a
// window reaches past it (a menu opening beyond the main window's edge is shown whole)
// and shrinks only once the windows have stayed inside a smaller box for shrinkDelay,
// so that a tooltip or a menu passing beyond the edge re-activates the share once, not
// twice. Every change of size is a re-activation for the viewers, a move is not.
class ShareArea {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::chrono::milliseconds kShrinkDelay{1500};

    // The box the windows need: the main window whole (as a one-window share shows it,
    // even where it lies off the screen) and the others clipped to the screen, which
    // bounds the picture by the screen and the main window.
    static Rect wantedBox(const Rect &main, std::span<const Rect> others, const Rect &screen);

    // Starts over at wanted (the first picture, or a new main window).
    void reset(const Rect &wanted, const Rect &main);
    // The box for windows that need wanted, main being the main window's place now.
    Rect update(const Rect &wanted, const Rect &main, Clock::time_point now);
    const Rect &box() const { return box_; }
    // When update() should run again for a pending shrink; nullopt when none is pending.
    std::optional<Clock::time_point> shrinkDue() const { return shrinkDue_; }

private:
    Rect box_;
    // The box's top-left relative to the main window's, so the box follows it.
    int32_t offsetX_ = 0;
    int32_t offsetY_ = 0;
    std::optional<Clock::time_point> shrinkDue_;
};

} // namespace baton
