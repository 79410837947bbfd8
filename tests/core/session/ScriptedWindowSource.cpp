#include "ScriptedWindowSource.h"

#include "core/capture/WindowEvent.h"

namespace baton::test {

ScriptedWindowSource::ScriptedWindowSource(int32_t width, int32_t height) : picture_(width, height)
{
    picture_.fill(0xff336699u);
    damage_ = Region(picture_.rect());
    cursor_.visible = true;
}

bool ScriptedWindowSource::start()
{
    active_ = true;
    return true;
}

WindowInfo ScriptedWindowSource::window() const
{
    WindowInfo info;
    info.id = 42;
    info.title = QStringLiteral("Scripted window");
    info.geometry = picture_.rect().translated(desktopX_, desktopY_);
    info.visible = !hidden_;
    return info;
}

SharedWindows ScriptedWindowSource::sharedWindows() const
{
    return windows_ ? *windows_ : WindowSource::sharedWindows();
}

bool ScriptedWindowSource::captureFrame(CapturedFrame &frame)
{
    if (!active_ || hidden_)
        return false;
    frame.pixels = picture_.view();
    frame.damage = std::exchange(damage_, Region());
    frame.sequence = ++sequence_;
    return true;
}

void ScriptedWindowSource::paint(const Rect &rect, uint32_t bgra)
{
    picture_.mutableView().fill(rect.intersected(picture_.rect()), bgra);
    damage_ |= Region(rect.intersected(picture_.rect()));
    emit damaged();
}

void ScriptedWindowSource::stamp(const Rect &rect, uint32_t seed)
{
    const Rect clipped = rect.intersected(picture_.rect());
    for (int32_t y = clipped.y; y < clipped.bottom(); ++y)
        for (int32_t x = clipped.x; x < clipped.right(); ++x) {
            const uint32_t bit = (uint32_t(x - rect.x) * 7 + uint32_t(y - rect.y) * 13 + seed) % 5;
            picture_.setPixel(x, y, bit ? 0xffe0e0e0u : 0xff101010u);
        }
    damage_ |= Region(clipped);
    emit damaged();
}

void ScriptedWindowSource::resize(int32_t width, int32_t height, uint32_t bgra)
{
    picture_ = Frame(width, height);
    picture_.fill(bgra);
    damage_ = Region(picture_.rect());
    emit windowEvent({WindowEventKind::Resized, window().geometry});
    emit damaged();
}

void ScriptedWindowSource::hide()
{
    hidden_ = true;
    emit windowEvent({WindowEventKind::Hidden, window().geometry});
}

void ScriptedWindowSource::show()
{
    hidden_ = false;
    damage_ = Region(picture_.rect());
    emit windowEvent({WindowEventKind::Shown, window().geometry});
    emit damaged();
}

void ScriptedWindowSource::close()
{
    active_ = false;
    emit windowEvent({WindowEventKind::Closed, window().geometry});
}

void ScriptedWindowSource::movePointer(int32_t x, int32_t y)
{
    cursor_.x = x;
    cursor_.y = y;
    emit cursorChanged();
}

void ScriptedWindowSource::moveTo(int32_t x, int32_t y)
{
    desktopX_ = x;
    desktopY_ = y;
    emit windowEvent({WindowEventKind::Moved, window().geometry});
}

void ScriptedWindowSource::arrange(SharedWindows windows)
{
    windows_ = std::move(windows);
    emit windowEvent({WindowEventKind::Arranged, window().geometry});
}

} // namespace baton::test
