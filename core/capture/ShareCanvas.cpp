#include "core/capture/ShareCanvas.h"

#include <algorithm>

namespace baton {
namespace {

// dst = src + dst × (1 − αsrc), per channel, on premultiplied pixels; the result is
// opaque because the canvas underneath always is.
uint32_t blendOver(uint32_t src, uint32_t dst)
{
    const uint32_t inverse = 255u - (src >> 24);
    uint32_t out = 0xff000000u;
    for (int shift = 0; shift < 24; shift += 8) {
        const uint32_t s = (src >> shift) & 0xffu;
        const uint32_t d = (dst >> shift) & 0xffu;
        const uint32_t product = d * inverse + 128u;
        const uint32_t scaled = (product + (product >> 8)) >> 8; // exact d × inverse / 255
        out |= std::min<uint32_t>(255u, s + scaled) << shift;
    }
    return out;
}

} // namespace

void ShareCanvas::resize(int32_t width, int32_t height)
{
    if (frame_.width() == width && frame_.height() == height)
        return;
    frame_ = Frame(width, height);
    frame_.fill(kBackground);
}

void ShareCanvas::clear(const Region &region)
{
    const MutableFrameView target = frame_.mutableView();
    const Region inside = region.intersected(frame_.rect());
    for (const Rect &rect : inside.rects())
        target.fill(rect, kBackground);
}

void ShareCanvas::paint(const FrameView &pixels, int32_t x, int32_t y, const Region &clip,
                        bool premultipliedAlpha)
{
    const Rect placed{x, y, pixels.width(), pixels.height()};
    const MutableFrameView target = frame_.mutableView();
    const Region painted = clip.intersected(placed.intersected(frame_.rect()));
    for (const Rect &rect : painted.rects()) {
        const FrameView source = pixels.subView(rect.translated(-x, -y));
        if (!premultipliedAlpha) {
            target.copyFrom(source, rect.x, rect.y);
            continue;
        }
        for (int32_t row = 0; row < rect.height; ++row) {
            const std::span<const uint32_t> from = source.row(row);
            const std::span<uint32_t> to =
                target.row(rect.y + row).subspan(std::size_t(rect.x), std::size_t(rect.width));
            for (std::size_t i = 0; i < to.size(); ++i)
                to[i] = blendOver(from[i], to[i]);
        }
    }
}

} // namespace baton
