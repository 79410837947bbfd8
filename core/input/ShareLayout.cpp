#include "core/input/ShareLayout.h"

#include <algorithm>

namespace baton {

bool ShareLayout::isSingleWindow() const
{
    return windows.empty() ||
        (windows.size() == 1 && windows.front().rect == Rect{0, 0, picture.width, picture.height});
}

const SharedWindow *ShareLayout::windowAt(QPoint point) const
{
    const auto hit = std::find_if(windows.begin(), windows.end(), [point](const SharedWindow &w) {
        return w.rect.contains(point.x(), point.y());
    });
    return hit == windows.end() ? nullptr : &*hit;
}

const SharedWindow *ShareLayout::find(uint64_t id) const
{
    const auto hit = std::find_if(windows.begin(), windows.end(),
                                  [id](const SharedWindow &w) { return w.id == id; });
    return hit == windows.end() ? nullptr : &*hit;
}

const SharedWindow *ShareLayout::mainWindow() const
{
    const auto hit = std::find_if(windows.begin(), windows.end(), [](const SharedWindow &w) {
        return w.kind == SharedWindow::Kind::Main;
    });
    return hit == windows.end() ? nullptr : &*hit;
}

} // namespace baton
