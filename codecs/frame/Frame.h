#pragma once

#include "codecs/frame/Rect.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace baton {

// Pixels are 32-bit BGRA in memory order (B at the lowest address), which is what
// X11 ZPixmaps at depth 24/32 and QImage::Format_ARGB32 hold on little-endian hosts.
inline constexpr int kBytesPerPixel = 4;

// A read-only view of BGRA pixels owned elsewhere. Rows may be padded: strideBytes
// is the distance between row starts and is at least width * 4.
class FrameView {
public:
    FrameView() = default;
    FrameView(const uint8_t *data, int32_t width, int32_t height, int32_t strideBytes);

    bool isNull() const { return data_ == nullptr || width_ <= 0 || height_ <= 0; }
    int32_t width() const { return width_; }
    int32_t height() const { return height_; }
    int32_t strideBytes() const { return strideBytes_; }
    Rect rect() const { return {0, 0, width_, height_}; }
    const uint8_t *data() const { return data_; }

    // The pixels of row y, without padding.
    std::span<const uint32_t> row(int32_t y) const;
    std::span<const uint8_t> rowBytes(int32_t y) const;
    uint32_t pixel(int32_t x, int32_t y) const { return row(y)[static_cast<std::size_t>(x)]; }

    // A view of the part of this frame inside rect (clipped to the frame).
    FrameView subView(const Rect &rect) const;

private:
    const uint8_t *data_ = nullptr;
    int32_t width_ = 0;
    int32_t height_ = 0;
    int32_t strideBytes_ = 0;
};

// True when both views have the same size and the same visible pixels (padding ignored).
bool operator==(const FrameView &a, const FrameView &b);

// A writable view of BGRA pixels owned elsewhere.
class MutableFrameView {
public:
    MutableFrameView() = default;
    MutableFrameView(uint8_t *data, int32_t width, int32_t height, int32_t strideBytes);

    int32_t width() const { return width_; }
    int32_t height() const { return height_; }
    int32_t strideBytes() const { return strideBytes_; }
    Rect rect() const { return {0, 0, width_, height_}; }
    uint8_t *data() const { return data_; }
    std::span<uint32_t> row(int32_t y) const;
    FrameView constView() const { return {data_, width_, height_, strideBytes_}; }
    MutableFrameView subView(const Rect &rect) const;

    void fill(const Rect &rect, uint32_t bgra) const;
    // Copies source into this view with its top-left corner at (x, y), clipped to both.
    void copyFrom(const FrameView &source, int32_t x, int32_t y) const;

private:
    uint8_t *data_ = nullptr;
    int32_t width_ = 0;
    int32_t height_ = 0;
    int32_t strideBytes_ = 0;
};

// An owning BGRA frame. Rows start on 64-byte boundaries so SIMD kernels can use
// aligned loads on every row; the padding is zero-filled.
class Frame {
public:
    // Frames larger than this are refused: 16384² covers every real window and
    // bounds any allocation sized from a peer's message.
    static constexpr int32_t kMaxDimensionPx = 16384;
    static constexpr int32_t kRowAlignmentBytes = 64;

    Frame() = default;
    // Throws std::invalid_argument for a size outside [1, kMaxDimensionPx].
    Frame(int32_t width, int32_t height);
    Frame(const Frame &other);
    Frame &operator=(const Frame &other);
    Frame(Frame &&) noexcept = default;
    Frame &operator=(Frame &&) noexcept = default;
    ~Frame() = default;

    static bool isValidSize(int32_t width, int32_t height);
    static Frame copyOf(const FrameView &view);

    bool isNull() const { return !pixels_; }
    int32_t width() const { return width_; }
    int32_t height() const { return height_; }
    int32_t strideBytes() const { return strideBytes_; }
    Rect rect() const { return {0, 0, width_, height_}; }
    std::size_t sizeBytes() const { return static_cast<std::size_t>(strideBytes_) * height_; }

    uint8_t *data() { return pixels_.get(); }
    const uint8_t *data() const { return pixels_.get(); }
    FrameView view() const { return {pixels_.get(), width_, height_, strideBytes_}; }
    MutableFrameView mutableView() { return {pixels_.get(), width_, height_, strideBytes_}; }
    operator FrameView() const { return view(); }

    uint32_t pixel(int32_t x, int32_t y) const { return view().pixel(x, y); }
    void setPixel(int32_t x, int32_t y, uint32_t bgra) { mutableView().row(y)[x] = bgra; }
    void fill(uint32_t bgra) { mutableView().fill(rect(), bgra); }

    // True when both frames have the same size and the same visible pixels
    // (padding is ignored).
    friend bool operator==(const Frame &a, const Frame &b) { return a.view() == b.view(); }

private:
    struct AlignedFree {
        void operator()(uint8_t *p) const;
    };
    std::unique_ptr<uint8_t[], AlignedFree> pixels_;
    int32_t width_ = 0;
    int32_t height_ = 0;
    int32_t strideBytes_ = 0;
};

} // namespace baton
