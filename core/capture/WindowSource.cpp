#include "core/capture/WindowSource.h"

namespace baton {

SharedWindows WindowSource::sharedWindows() const
{
    const WindowInfo info = window();
    SharedWindow only;
    only.id = info.id;
    only.rect = {0, 0, info.geometry.width, info.geometry.height};
    only.title = info.title;
    return {only};
}

} // namespace baton
