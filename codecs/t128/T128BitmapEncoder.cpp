#include "codecs/t128/T128BitmapEncoder.h"

#include "codecs/t128/InterleavedRle.h"
#include "codecs/t128/NativePixels.h"

#include <algorithm>
#include <stdexcept>

namespace baton::t128 {
namespace {

// Greedy order selection over native pixels laid out bottom-up. Orders never cross
// the end of the first scanline: a decoder keeps first-line semantics (black above)
// for a whole order that starts there, so an order spilling over would need the
// encoder to model that; splitting costs at most one order per bitmap.
class RleWriter {
public:
    RleWriter(std::span<const uint32_t> pixels, std::size_t width, int bitsPerPixel,
              std::vector<uint8_t> &out)
        : pixels_(pixels), width_(width), pixelBytes_(static_cast<std::size_t>(
                                               bytesPerNativePixel(bitsPerPixel))),
          fg_(whiteNativePixel(bitsPerPixel)), out_(out)
    {
    }

    void run()
    {
        segment(0, std::min(width_, pixels_.size()));
        // Crossing into the second scanline resets the decoder's "insert a foreground
        // pixel after a background run" state.
        lastWasBg_ = false;
        segment(width_, pixels_.size());
    }

private:
    uint32_t above(std::size_t i) const { return i < width_ ? 0 : pixels_[i - width_]; }

    std::size_t countWhile(std::size_t i, std::size_t end, auto predicate) const
    {
        std::size_t j = i;
        end = std::min(end, i + kMegaMax);
        while (j < end && predicate(j))
            ++j;
        return j - i;
    }

    void segment(std::size_t begin, std::size_t end);
    void flushLiterals(std::size_t upTo);
    void putPixel(uint32_t value)
    {
        for (std::size_t b = 0; b < pixelBytes_; ++b)
            out_.push_back(static_cast<uint8_t>(value >> (8 * b)));
    }
    void putRegular(RleCode code, uint8_t mega, std::size_t length);
    void putLite(RleCode code, uint8_t mega, std::size_t length);
    void putFgBg(bool setFg, uint32_t fg, std::size_t start, std::size_t length);

    std::span<const uint32_t> pixels_;
    std::size_t width_;
    std::size_t pixelBytes_;
    uint32_t fg_;
    std::vector<uint8_t> &out_;
    std::size_t literalStart_ = 0;
    bool lastWasBg_ = false;
};

void RleWriter::putRegular(RleCode code, uint8_t mega, std::size_t length)
{
    const auto bits = static_cast<uint8_t>(static_cast<uint8_t>(code) << 5);
    if (length <= kRegularMaxShort) {
        out_.push_back(static_cast<uint8_t>(bits | length));
    } else if (length <= kRegularMaxByte) {
        out_.push_back(bits);
        out_.push_back(static_cast<uint8_t>(length - 32));
    } else {
        out_.push_back(mega);
        out_.push_back(static_cast<uint8_t>(length));
        out_.push_back(static_cast<uint8_t>(length >> 8));
    }
}

void RleWriter::putLite(RleCode code, uint8_t mega, std::size_t length)
{
    const auto bits = static_cast<uint8_t>(static_cast<uint8_t>(code) << 4);
    if (length <= kLiteMaxShort) {
        out_.push_back(static_cast<uint8_t>(bits | length));
    } else if (length <= kLiteMaxByte) {
        out_.push_back(bits);
        out_.push_back(static_cast<uint8_t>(length - 16));
    } else {
        out_.push_back(mega);
        out_.push_back(static_cast<uint8_t>(length));
        out_.push_back(static_cast<uint8_t>(length >> 8));
    }
}

void RleWriter::putFgBg(bool setFg, uint32_t fg, std::size_t start, std::size_t length)
{
    const uint32_t shortLimit = setFg ? kLiteMaxShort : kRegularMaxShort;
    const uint8_t header = setFg ? 0xD0 : 0x40;
    if (length % 8 == 0 && length / 8 <= shortLimit) {
        out_.push_back(static_cast<uint8_t>(header | (length / 8)));
    } else if (length <= 256) {
        out_.push_back(header);
        out_.push_back(static_cast<uint8_t>(length - 1));
    } else {
        out_.push_back(setFg ? kMegaSetFgBgImage : kMegaFgBgImage);
        out_.push_back(static_cast<uint8_t>(length));
        out_.push_back(static_cast<uint8_t>(length >> 8));
    }
    if (setFg)
        putPixel(fg);
    for (std::size_t i = 0; i < length; i += 8) {
        uint8_t mask = 0;
        for (std::size_t bit = 0; bit < 8 && i + bit < length; ++bit) {
            const std::size_t p = start + i + bit;
            if (pixels_[p] != above(p))
                mask = static_cast<uint8_t>(mask | (1u << bit));
        }
        out_.push_back(mask);
    }
}

void RleWriter::flushLiterals(std::size_t upTo)
{
    while (literalStart_ < upTo) {
        const std::size_t count = std::min<std::size_t>(upTo - literalStart_, kMegaMax);
        putRegular(RleCode::ColorImage, kMegaColorImage, count);
        for (std::size_t i = 0; i < count; ++i)
            putPixel(pixels_[literalStart_ + i]);
        literalStart_ += count;
        lastWasBg_ = false;
    }
}

void RleWriter::segment(std::size_t begin, std::size_t end)
{
    literalStart_ = begin;
    std::size_t i = begin;
    while (i < end) {
        const uint32_t pixel = pixels_[i];
        const bool bgAllowed = !(lastWasBg_ && literalStart_ == i);
        const std::size_t bgLen =
            bgAllowed ? countWhile(i, end, [&](std::size_t j) { return pixels_[j] == above(j); })
                      : 0;
        const std::size_t colourLen =
            countWhile(i, end, [&](std::size_t j) { return pixels_[j] == pixel; });
        const std::size_t fgLen = fg_ == 0 ? 0 : countWhile(i, end, [&](std::size_t j) {
            return pixels_[j] == (above(j) ^ fg_);
        });
        const uint32_t newFg = pixel ^ above(i);
        const std::size_t setFgLen = newFg == 0 || newFg == fg_ ? 0 : countWhile(i, end, [&](std::size_t j) {
            return pixels_[j] == (above(j) ^ newFg);
        });
        // A foreground/background image pays off for text-like mixes of two colours
        // relative to the line above; with a fresh foreground when the pixel here
        // is neither the background nor the current foreground.
        const bool fgbgSetFg = newFg != 0 && newFg != fg_;
        const uint32_t fgbgColour = fgbgSetFg ? newFg : fg_;
        const std::size_t fgbgLen = fgbgColour == 0 ? 0 : countWhile(i, end, [&](std::size_t j) {
            const uint32_t up = above(j);
            return pixels_[j] == up || pixels_[j] == (up ^ fgbgColour);
        });

        const std::size_t bestRun = std::max({bgLen, colourLen >= 3 ? colourLen : 0,
                                              fgLen >= 2 ? fgLen : 0, setFgLen >= 3 ? setFgLen : 0});
        if (fgbgLen >= 8 && fgbgLen > 2 * bestRun) {
            flushLiterals(i);
            putFgBg(fgbgSetFg, fgbgColour, i, fgbgLen);
            fg_ = fgbgColour;
            lastWasBg_ = false;
            i += fgbgLen;
            literalStart_ = i;
        } else if (bestRun == 0) {
            ++i; // stays in the pending colour image
        } else {
            flushLiterals(i);
            if (bestRun == bgLen) {
                putRegular(RleCode::BgRun, kMegaBgRun, bgLen);
                lastWasBg_ = true;
            } else {
                lastWasBg_ = false;
                if (bestRun == colourLen) {
                    putRegular(RleCode::ColorRun, kMegaColorRun, colourLen);
                    putPixel(pixel);
                } else if (bestRun == fgLen) {
                    putRegular(RleCode::FgRun, kMegaFgRun, fgLen);
                } else {
                    putLite(RleCode::SetFgFgRun, kMegaSetFgRun, setFgLen);
                    putPixel(newFg);
                    fg_ = newFg;
                }
            }
            i += bestRun;
            literalStart_ = i;
        }
    }
    flushLiterals(end);
}

} // namespace

void T128BitmapEncoder::encode(const FrameView &bitmap, int bitsPerPixel,
                               std::vector<uint8_t> &out)
{
    if (bitmap.isNull() || (bitsPerPixel != 24 && bitsPerPixel != 16))
        throw std::invalid_argument("T128BitmapEncoder: 24 or 16 bpp and a non-empty bitmap");
    const auto width = static_cast<std::size_t>(bitmap.width());
    const auto height = static_cast<std::size_t>(bitmap.height());
    std::vector<uint32_t> pixels(width * height);
    for (std::size_t line = 0; line < height; ++line) {
        const auto row = bitmap.row(static_cast<int32_t>(height - 1 - line));
        for (std::size_t x = 0; x < width; ++x)
            pixels[line * width + x] = bgraToNative(row[x], bitsPerPixel);
    }
    RleWriter(pixels, width, bitsPerPixel, out).run();
}

} // namespace baton::t128
