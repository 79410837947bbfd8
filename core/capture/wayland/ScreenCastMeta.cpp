#include "core/capture/wayland/ScreenCastMeta.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <spa/buffer/meta.h>
#include <spa/param/video/raw.h>

namespace baton::screencast {
namespace {

constexpr std::array<uint32_t, 8> kFormats = {
    SPA_VIDEO_FORMAT_BGRx, SPA_VIDEO_FORMAT_BGRA, SPA_VIDEO_FORMAT_RGBx, SPA_VIDEO_FORMAT_RGBA,
    SPA_VIDEO_FORMAT_xRGB, SPA_VIDEO_FORMAT_ARGB, SPA_VIDEO_FORMAT_xBGR, SPA_VIDEO_FORMAT_ABGR,
};

// A struct of the producer's, copied out of its bytes: they may be unaligned.
template <typename T> std::optional<T> read(std::span<const uint8_t> bytes, std::size_t offset)
{
    if (offset > bytes.size() || bytes.size() - offset < sizeof(T))
        return std::nullopt;
    T value{};
    std::memcpy(&value, bytes.data() + offset, sizeof(T));
    return value;
}

// A producer's rectangle as a Rect that clips like the original against any frame: the
// position and size are bounded first, so that no edge can overflow.
Rect boundedRect(const spa_region &region)
{
    constexpr int32_t limit = 2 * Frame::kMaxDimensionPx;
    const auto size = [](uint32_t v) { return int32_t(std::min<uint32_t>(v, 2 * limit)); };
    return {std::clamp(region.position.x, -limit, limit),
            std::clamp(region.position.y, -limit, limit), size(region.size.width),
            size(region.size.height)};
}

// SPA names the bytes in memory order; PixelFormat's masks are of a little-endian word.
PixelFormat wordFormat(uint32_t red, uint32_t green, uint32_t blue, bool alpha)
{
    PixelFormat format;
    format.redMask = red;
    format.greenMask = green;
    format.blueMask = blue;
    const bool high = (red | green | blue) > 0xffffffu;
    format.depth = alpha || high ? 32 : 24;
    format.premultipliedAlpha = alpha;
    return format;
}

} // namespace

std::span<const uint32_t> supportedVideoFormats()
{
    return kFormats;
}

std::optional<PixelFormat> pixelFormatOf(uint32_t spaVideoFormat)
{
    switch (spaVideoFormat) {
    case SPA_VIDEO_FORMAT_BGRx:
        return PixelFormat::bgrx32();
    case SPA_VIDEO_FORMAT_BGRA:
        return PixelFormat::bgra32();
    case SPA_VIDEO_FORMAT_RGBx:
    case SPA_VIDEO_FORMAT_RGBA:
        return wordFormat(0xffu, 0xff00u, 0xff0000u, spaVideoFormat == SPA_VIDEO_FORMAT_RGBA);
    case SPA_VIDEO_FORMAT_xRGB:
    case SPA_VIDEO_FORMAT_ARGB:
        return wordFormat(0xff00u, 0xff0000u, 0xff000000u, spaVideoFormat == SPA_VIDEO_FORMAT_ARGB);
    case SPA_VIDEO_FORMAT_xBGR:
    case SPA_VIDEO_FORMAT_ABGR:
        return wordFormat(0xff000000u, 0xff0000u, 0xff00u, spaVideoFormat == SPA_VIDEO_FORMAT_ABGR);
    default:
        return std::nullopt;
    }
}

Rect cropFromMeta(std::span<const uint8_t> meta, int32_t bufferWidth, int32_t bufferHeight)
{
    const Rect buffer{0, 0, bufferWidth, bufferHeight};
    const auto region = read<spa_meta_region>(meta, 0);
    if (!region)
        return buffer;
    const Rect crop = boundedRect(region->region);
    const Rect inside = crop.intersected(buffer);
    return inside.isEmpty() ? buffer : inside;
}

std::optional<Region> damageFromMeta(std::span<const uint8_t> meta, const Rect &crop)
{
    std::vector<Rect> rects;
    bool listed = false;
    for (int i = 0; i < kMaxDamageRects; ++i) {
        const auto region = read<spa_meta_region>(meta, i * sizeof(spa_meta_region));
        if (!region || region->region.size.width == 0 || region->region.size.height == 0)
            break;
        listed = true;
        const Rect inside = boundedRect(region->region).intersected(crop);
        if (!inside.isEmpty())
            rects.push_back(inside.translated(-crop.x, -crop.y));
    }
    if (!listed)
        return std::nullopt;
    return Region::fromRects(rects);
}

namespace {

std::optional<CursorBitmap> readBitmap(std::span<const uint8_t> meta, std::size_t at,
                                       const spa_meta_cursor &cursor, std::string *reason)
{
    const auto refuse = [reason](std::string why) -> std::optional<CursorBitmap> {
        if (reason)
            *reason = std::move(why);
        return std::nullopt;
    };
    const auto bitmap = read<spa_meta_bitmap>(meta, at);
    if (!bitmap)
        return refuse("the cursor bitmap lies outside the meta");
    CursorBitmap result;
    // Offset 0 or an empty size: the pointer is invisible.
    if (bitmap->offset == 0 || bitmap->size.width == 0 || bitmap->size.height == 0)
        return result;
    const auto format = pixelFormatOf(bitmap->format);
    if (!format)
        return refuse("the cursor bitmap's format " + std::to_string(bitmap->format) +
                      " is not supported");
    if (bitmap->size.width > uint32_t(kMaxCursorPx) || bitmap->size.height > uint32_t(kMaxCursorPx))
        return refuse("the cursor bitmap is larger than " + std::to_string(kMaxCursorPx) +
                      " pixels a side");
    const int32_t width = int32_t(bitmap->size.width);
    const int32_t height = int32_t(bitmap->size.height);
    const int64_t rowBytes = int64_t{width} * kBytesPerPixel;
    if (bitmap->stride < rowBytes || bitmap->stride > 4 * rowBytes)
        return refuse("the cursor bitmap's stride " + std::to_string(bitmap->stride) +
                      " does not fit its width " + std::to_string(width));
    const uint64_t start = uint64_t{at} + bitmap->offset;
    const uint64_t needed = uint64_t(height - 1) * uint64_t(bitmap->stride) + uint64_t(rowBytes);
    if (start > meta.size() || meta.size() - start < needed)
        return refuse("the cursor bitmap's pixels lie outside the meta");
    const auto converter = PixelConverter::create(*format);
    result.image = Frame(width, height);
    converter->convert(meta.data() + start, bitmap->stride, width, height, result.image.data(),
                       result.image.strideBytes());
    // Premultiplied means no channel above alpha; a producer's bitmap that breaks this
    // would blend wrongly everywhere it is drawn, so it is clamped here once.
    for (int32_t y = 0; y < height; ++y)
        for (uint32_t &pixel : result.image.mutableView().row(y)) {
            const uint32_t alpha = pixel >> 24;
            uint32_t clamped = pixel & 0xff000000u;
            for (int shift = 0; shift < 24; shift += 8)
                clamped |= std::min((pixel >> shift) & 0xffu, alpha) << shift;
            pixel = clamped;
        }
    result.hotX = std::clamp(cursor.hotspot.x, 0, width - 1);
    result.hotY = std::clamp(cursor.hotspot.y, 0, height - 1);
    return result;
}

} // namespace

std::optional<CursorMeta> cursorFromMeta(std::span<const uint8_t> meta, std::string *reason)
{
    const auto cursor = read<spa_meta_cursor>(meta, 0);
    if (!cursor) {
        if (reason)
            *reason = "the cursor meta is too short";
        return std::nullopt;
    }
    CursorMeta result;
    if (cursor->id == 0)
        return result;
    result.valid = true;
    result.x = cursor->position.x;
    result.y = cursor->position.y;
    if (cursor->bitmap_offset == 0)
        return result;
    if (cursor->bitmap_offset < sizeof(spa_meta_cursor)) {
        if (reason)
            *reason = "the cursor bitmap overlaps the cursor meta";
        return std::nullopt;
    }
    // A bitmap of format 0 carries no new image.
    const auto format = read<uint32_t>(meta, cursor->bitmap_offset);
    if (format && *format == 0)
        return result;
    auto bitmap = readBitmap(meta, cursor->bitmap_offset, *cursor, reason);
    if (!bitmap)
        return std::nullopt;
    result.bitmap = std::move(bitmap);
    return result;
}

} // namespace baton::screencast
