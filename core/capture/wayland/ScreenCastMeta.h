#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/frame/PixelFormat.h"
#include "codecs/frame/Rect.h"
#include "codecs/frame/Region.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace baton::screencast {

// What a PipeWire screen-cast producer attaches to its buffers (SPA_META_VideoDamage,
// SPA_META_VideoCrop, SPA_META_Cursor), read from the meta's bytes as they lie in memory
// the producer shares with us. Every field is the producer's to choose, so every offset
// and size is checked against the bytes given; the spans need no alignment. Pure
// functions: the fuzz target tests/fuzz/targets/fuzz_screencastmeta.cpp calls them.

// The pixel formats a screen cast stream may have, as SPA numbers them, most preferred
// first: each converts exactly to BGRA. The alpha formats are taken as premultiplied
// (mutter and KWin render into premultiplied buffers), as X11's ARGB visuals are.
std::span<const uint32_t> supportedVideoFormats();
// The PixelFormat of an SPA video format of supportedVideoFormats(); nullopt for others.
std::optional<PixelFormat> pixelFormatOf(uint32_t spaVideoFormat);

// The picture inside a buffer of bufferWidth x bufferHeight pixels: the crop meta's
// region clipped to the buffer, or the whole buffer when there is no meta (empty span),
// the meta is too short or its region is empty or outside the buffer.
Rect cropFromMeta(std::span<const uint8_t> meta, int32_t bufferWidth, int32_t bufferHeight);

// The damage meta's regions (buffer coordinates, an array of spa_meta_region ended by an
// entry of zero size or by the meta's end) as a region of the picture: clipped to crop
// and moved so that crop's top-left corner is (0, 0). At most kMaxDamageRects are read.
// nullopt when the meta lists no region at all: producers that allocate the meta without
// filling it leave it zeroed, so "nothing listed" must mean "assume everything changed".
inline constexpr int kMaxDamageRects = 64;
std::optional<Region> damageFromMeta(std::span<const uint8_t> meta, const Rect &crop);

// The largest cursor image taken from a producer, a side: bounds the memory a producer
// can make us hold and what the viewers are sent. Mutter's largest (a 96-pixel cursor at
// 4x scale) is 384.
inline constexpr int32_t kMaxCursorPx = 384;

// A new pointer image: null for an invisible pointer.
struct CursorBitmap {
    Frame image; // premultiplied BGRA
    int32_t hotX = 0;
    int32_t hotY = 0;
};

struct CursorMeta {
    // False when the producer says nothing about the pointer (id 0): mutter does so while
    // the pointer is off the streamed window or monitor.
    bool valid = false;
    // The hot spot's position in buffer coordinates.
    int32_t x = 0;
    int32_t y = 0;
    // Set when the meta carries a new bitmap; otherwise the image is unchanged.
    std::optional<CursorBitmap> bitmap;
};

// Reads a cursor meta (a spa_meta_cursor, and a spa_meta_bitmap with its pixels at
// bitmap_offset inside the same meta). nullopt with the reason in *reason when the meta
// is too short, a bitmap or its pixels lie outside it, the bitmap's format is not one of
// supportedVideoFormats(), or it is larger than kMaxCursorPx a side.
std::optional<CursorMeta> cursorFromMeta(std::span<const uint8_t> meta, std::string *reason);

} // namespace baton::screencast
