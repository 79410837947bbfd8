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
    info.geometry = picture_.rect();
    info.visible = !hidden_;
    return info;
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

void ScriptedWindowSource::resize(int32_t width, int32_t height, uint32_t bgra)
{
    picture_ = Frame(width, height);
    picture_.fill(bgra);
    damage_ = Region(picture_.rect());
    emit windowEvent({WindowEventKind::Resized, picture_.rect()});
    emit damaged();
}

void ScriptedWindowSource::hide()
{
    hidden_ = true;
    emit windowEvent({WindowEventKind::Hidden, picture_.rect()});
}

void ScriptedWindowSource::show()
{
    hidden_ = false;
    damage_ = Region(picture_.rect());
    emit windowEvent({WindowEventKind::Shown, picture_.rect()});
    emit damaged();
}

void ScriptedWindowSource::close()
{
    active_ = false;
    emit windowEvent({WindowEventKind::Closed, picture_.rect()});
}

void ScriptedWindowSource::movePointer(int32_t x, int32_t y)
{
    cursor_.x = x;
    cursor_.y = y;
    emit cursorChanged();
}

} // namespace baton::test
