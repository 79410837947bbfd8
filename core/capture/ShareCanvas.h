#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/frame/Region.h"

namespace baton {

// The picture of an application share: the application's windows composed in stacking
// order over a neutral background, repainted only where something changed. The caller
// clears a region, then paints the windows bottom to top, each clipped to that region;
// the picture outside it keeps its pixels.
class ShareCanvas {
public:
    // Opaque dark grey, BGRA: the desktop between the application's windows, which is
    // never shared. Solid, so it costs the encoder next to nothing.
    static constexpr uint32_t kBackground = 0xff383838u;

    // A new size: every pixel is background until painted.
    void resize(int32_t width, int32_t height);
    // Background over region (picture coordinates, clipped to the picture).
    void clear(const Region &region);
    // Puts pixels with their top-left at (x, y), only inside clip. With
    // premultipliedAlpha the pixels are blended over what is already there (a
    // translucent window over the background or the window below); otherwise copied.
    void paint(const FrameView &pixels, int32_t x, int32_t y, const Region &clip,
               bool premultipliedAlpha);

    bool isNull() const { return frame_.isNull(); }
    FrameView view() const { return frame_.view(); }
    Rect rect() const { return frame_.rect(); }

private:
    Frame frame_;
};

} // namespace baton
