#include "DemandedWindow.h"

namespace baton {

using namespace protocol;

DemandedWindow DemandedWindow::of(const DemandActivePdu &demand, const PictureLimit &limit)
{
    const BitmapCapability *bitmap = nullptr;
    for (const CapabilitySet &set : demand.capabilities)
        if (const auto *found = std::get_if<BitmapCapability>(&set))
            bitmap = found;
    DemandedWindow window;
    if (!bitmap || bitmap->desktopWidth == 0 || bitmap->desktopHeight == 0)
        return window;
    window.widthPx = bitmap->desktopWidth;
    window.heightPx = bitmap->desktopHeight;
    window.verdict =
        limit.accepts(window.widthPx, window.heightPx) ? Verdict::Accepted : Verdict::TooLarge;
    return window;
}

} // namespace baton
