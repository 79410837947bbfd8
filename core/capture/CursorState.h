#pragma once

#include "codecs/frame/Frame.h"

#include <cstdint>

namespace baton {

// The pointer as a viewer should draw it over the shared window.
struct CursorState {
    // Position of the hot spot relative to the window's top-left corner; may lie
    // outside the window.
    int32_t x = 0;
    int32_t y = 0;
    bool visible = false;
    // The image in premultiplied BGRA, and its hot spot. Null when the backend can only
    // say where the pointer is (viewers then draw their own arrow).
    Frame image;
    int32_t hotX = 0;
    int32_t hotY = 0;
    // Changes whenever the image does, so consumers resend it only then.
    uint64_t serial = 0;
};

} // namespace baton
