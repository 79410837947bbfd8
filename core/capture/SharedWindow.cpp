#include "core/capture/SharedWindow.h"

#include <map>

namespace baton {

Region rearrangedArea(const SharedWindows &before, const SharedWindows &after)
{
    struct Place {
        Rect rect;
        std::size_t fromBottom;
    };
    std::map<uint64_t, Place> old;
    for (std::size_t i = 0; i < before.size(); ++i)
        old[before[i].id] = {before[i].rect, before.size() - i};
    Region area;
    for (std::size_t i = 0; i < after.size(); ++i) {
        const auto was = old.find(after[i].id);
        if (was == old.end()) {
            area |= Region(after[i].rect);
            continue;
        }
        if (was->second.rect != after[i].rect || was->second.fromBottom != after.size() - i)
            area |= Region(after[i].rect).united(was->second.rect);
        old.erase(was);
    }
    for (const auto &[id, place] : old)
        area |= Region(place.rect);
    return area;
}

} // namespace baton
