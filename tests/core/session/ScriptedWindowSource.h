#pragma once

#include "core/capture/WindowSource.h"

#include <optional>

namespace baton::test {

// A WindowSource whose picture, size, windows and fate the test sets: for the window
// events (resize, hide, close, an application's windows rearranged) a synthetic scene
// cannot produce. Real pixels, real damage.
class ScriptedWindowSource final : public WindowSource {
    Q_OBJECT
public:
    ScriptedWindowSource(int32_t width, int32_t height);

    QString backendName() const override { return QStringLiteral("scripted"); }
    bool start() override;
    void stop() override { active_ = false; }
    bool isActive() const override { return active_; }
    QString errorString() const override { return {}; }
    WindowInfo window() const override;
    SharedWindows sharedWindows() const override;
    bool captureFrame(CapturedFrame &frame) override;
    CursorState cursor() override { return cursor_; }

    // Paints rect with colour and reports the damage.
    void paint(const Rect &rect, uint32_t bgra);
    // Paints rect with a two-colour pattern that depends on seed only (a glyph, say), so
    // the same seed elsewhere is the same picture.
    void stamp(const Rect &rect, uint32_t seed);
    void resize(int32_t width, int32_t height, uint32_t bgra);
    void hide();
    void show();
    void close();
    void movePointer(int32_t x, int32_t y);
    // The picture's place on the desktop (a Moved event).
    void moveTo(int32_t x, int32_t y);
    // The application's windows in the picture, topmost first, from now on (an Arranged
    // event); until then the one window fills the picture.
    void arrange(SharedWindows windows);
    const Frame &picture() const { return picture_; }

private:
    Frame picture_;
    Region damage_;
    bool active_ = false;
    bool hidden_ = false;
    uint64_t sequence_ = 0;
    CursorState cursor_;
    int32_t desktopX_ = 0;
    int32_t desktopY_ = 0;
    std::optional<SharedWindows> windows_;
};

} // namespace baton::test
