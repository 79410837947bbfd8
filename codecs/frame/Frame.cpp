#include "codecs/frame/Frame.h"

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace baton {

FrameView::FrameView(const uint8_t *data, int32_t width, int32_t height, int32_t strideBytes)
    : data_(data), width_(width), height_(height), strideBytes_(strideBytes)
{
    if (width < 0 || height < 0 || (height > 0 && strideBytes < width * kBytesPerPixel))
        throw std::invalid_argument("FrameView: stride shorter than a row");
}

std::span<const uint32_t> FrameView::row(int32_t y) const
{
    const auto *start =
        reinterpret_cast<const uint32_t *>(data_ + std::ptrdiff_t{y} * strideBytes_);
    return {start, static_cast<std::size_t>(width_)};
}

std::span<const uint8_t> FrameView::rowBytes(int32_t y) const
{
    return {data_ + std::ptrdiff_t{y} * strideBytes_,
            static_cast<std::size_t>(width_) * kBytesPerPixel};
}

FrameView FrameView::subView(const Rect &rect) const
{
    const Rect r = rect.intersected(this->rect());
    if (r.isEmpty())
        return {};
    return {data_ + std::ptrdiff_t{r.y} * strideBytes_ + std::ptrdiff_t{r.x} * kBytesPerPixel,
            r.width, r.height, strideBytes_};
}

MutableFrameView::MutableFrameView(uint8_t *data, int32_t width, int32_t height,
                                   int32_t strideBytes)
    : data_(data), width_(width), height_(height), strideBytes_(strideBytes)
{
    if (width < 0 || height < 0 || (height > 0 && strideBytes < width * kBytesPerPixel))
        throw std::invalid_argument("MutableFrameView: stride shorter than a row");
}

std::span<uint32_t> MutableFrameView::row(int32_t y) const
{
    auto *start = reinterpret_cast<uint32_t *>(data_ + std::ptrdiff_t{y} * strideBytes_);
    return {start, static_cast<std::size_t>(width_)};
}

MutableFrameView MutableFrameView::subView(const Rect &rect) const
{
    const Rect r = rect.intersected(this->rect());
    if (r.isEmpty())
        return {};
    return {data_ + std::ptrdiff_t{r.y} * strideBytes_ + std::ptrdiff_t{r.x} * kBytesPerPixel,
            r.width, r.height, strideBytes_};
}

void MutableFrameView::fill(const Rect &rect, uint32_t bgra) const
{
    const MutableFrameView target = subView(rect);
    for (int32_t y = 0; y < target.height(); ++y) {
        const std::span<uint32_t> pixels = target.row(y);
        std::fill(pixels.begin(), pixels.end(), bgra);
    }
}

void MutableFrameView::copyFrom(const FrameView &source, int32_t x, int32_t y) const
{
    const Rect placed = source.rect().translated(x, y).intersected(rect());
    if (placed.isEmpty())
        return;
    const FrameView from = source.subView(placed.translated(-x, -y));
    const MutableFrameView to = subView(placed);
    for (int32_t row = 0; row < placed.height; ++row)
        std::memmove(to.row(row).data(), from.row(row).data(),
                     static_cast<std::size_t>(placed.width) * kBytesPerPixel);
}

void Frame::AlignedFree::operator()(uint8_t *p) const
{
    std::free(p);
}

bool Frame::isValidSize(int32_t width, int32_t height)
{
    return width >= 1 && height >= 1 && width <= kMaxDimensionPx && height <= kMaxDimensionPx;
}

Frame::Frame(int32_t width, int32_t height)
{
    if (!isValidSize(width, height))
        throw std::invalid_argument("Frame: invalid size " + std::to_string(width) + "x" +
                                    std::to_string(height));
    const int32_t rowBytes = width * kBytesPerPixel;
    strideBytes_ = (rowBytes + kRowAlignmentBytes - 1) / kRowAlignmentBytes * kRowAlignmentBytes;
    width_ = width;
    height_ = height;
    const std::size_t bytes = sizeBytes();
    auto *memory = static_cast<uint8_t *>(std::aligned_alloc(kRowAlignmentBytes, bytes));
    if (!memory)
        throw std::bad_alloc();
    std::memset(memory, 0, bytes);
    pixels_.reset(memory);
}

Frame::Frame(const Frame &other)
{
    if (!other.isNull()) {
        *this = Frame(other.width_, other.height_);
        std::memcpy(pixels_.get(), other.pixels_.get(), sizeBytes());
    }
}

Frame &Frame::operator=(const Frame &other)
{
    if (this != &other)
        *this = Frame(other);
    return *this;
}

Frame Frame::copyOf(const FrameView &view)
{
    if (view.isNull())
        return {};
    Frame frame(view.width(), view.height());
    frame.mutableView().copyFrom(view, 0, 0);
    return frame;
}

bool operator==(const FrameView &a, const FrameView &b)
{
    if (a.width() != b.width() || a.height() != b.height())
        return false;
    for (int32_t y = 0; y < a.height(); ++y) {
        const auto ra = a.rowBytes(y);
        const auto rb = b.rowBytes(y);
        if (std::memcmp(ra.data(), rb.data(), ra.size()) != 0)
            return false;
    }
    return true;
}

} // namespace baton
