// The metadata a PipeWire screen-cast producer attaches to its buffers, read as
// PipeWireStream reads it (core/capture/wayland/ScreenCastMeta.h). Bytes 0 and 1 are the
// buffer's size (1 + byte pixels a side), bytes 2-3 and 4-5 the lengths (little-endian) of
// the damage meta and of the crop meta that follow; the rest is the cursor meta. Whatever
// the producer wrote: the crop lies in the buffer, the damage in the crop, the cursor image
// is at most kMaxCursorPx a side, its hot spot inside it and its pixels premultiplied.
#include "core/capture/wayland/ScreenCastMeta.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

using namespace baton;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 6)
        return 0;
    const int32_t width = 1 + data[0];
    const int32_t height = 1 + data[1];
    std::span<const uint8_t> rest(data + 6, size - 6);
    const std::size_t damageBytes = std::min<std::size_t>(data[2] | data[3] << 8, rest.size());
    const auto damageMeta = rest.first(damageBytes);
    rest = rest.subspan(damageBytes);
    const std::size_t cropBytes = std::min<std::size_t>(data[4] | data[5] << 8, rest.size());
    const auto cropMeta = rest.first(cropBytes);
    const auto cursorMeta = rest.subspan(cropBytes);

    const Rect buffer{0, 0, width, height};
    const Rect crop = screencast::cropFromMeta(cropMeta, width, height);
    if (crop.isEmpty() || !buffer.contains(crop))
        __builtin_trap();
    if (const auto damage = screencast::damageFromMeta(damageMeta, crop)) {
        if (!Rect{0, 0, crop.width, crop.height}.contains(damage->boundingRect()) ||
            damage->rectCount() > std::size_t(screencast::kMaxDamageRects) * 4)
            __builtin_trap();
    }
    std::string reason;
    const auto cursor = screencast::cursorFromMeta(cursorMeta, &reason);
    if (!cursor) {
        if (reason.empty())
            __builtin_trap();
        return 0;
    }
    if (cursor->bitmap && !cursor->bitmap->image.isNull()) {
        const Frame &image = cursor->bitmap->image;
        if (image.width() > screencast::kMaxCursorPx || image.height() > screencast::kMaxCursorPx ||
            !image.rect().contains(cursor->bitmap->hotX, cursor->bitmap->hotY))
            __builtin_trap();
        for (int32_t y = 0; y < image.height(); ++y)
            for (const uint32_t pixel : image.view().row(y)) {
                const uint32_t alpha = pixel >> 24;
                if ((pixel & 0xff) > alpha || (pixel >> 8 & 0xff) > alpha ||
                    (pixel >> 16 & 0xff) > alpha)
                    __builtin_trap();
            }
    }
    return 0;
}
