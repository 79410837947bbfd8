#include "codecs/t128/T128BitmapDecoder.h"

#include "codecs/t128/InterleavedRle.h"
#include "codecs/t128/NativePixels.h"

#include <vector>

namespace baton::t128 {
namespace {

// The decoding state machine of MS-RDPBCGR 3.1.9 (RleDecompress), over native pixel
// values laid out bottom-up. Every read of the stream and every write of the bitmap
// is checked; the first failure ends decoding with its reason.
class RleReader {
public:
    RleReader(std::span<const uint8_t> stream, int bitsPerPixel, std::span<uint32_t> pixels,
              std::size_t width)
        : stream_(stream), pixelBytes_(static_cast<std::size_t>(bytesPerNativePixel(bitsPerPixel))),
          white_(whiteNativePixel(bitsPerPixel)), pixels_(pixels), width_(width), fg_(white_)
    {
    }

    T128DecodeError run()
    {
        while (pos_ < stream_.size() && error_ == T128DecodeError::None) {
            if (firstLine_ && out_ >= width_) {
                firstLine_ = false;
                insertFg_ = false;
            }
            order();
        }
        if (error_ == T128DecodeError::None && out_ != pixels_.size())
            error_ = T128DecodeError::Incomplete;
        return error_;
    }

private:
    bool fail(T128DecodeError error)
    {
        if (error_ == T128DecodeError::None)
            error_ = error;
        return false;
    }
    bool readByte(uint32_t &value)
    {
        if (pos_ >= stream_.size())
            return fail(T128DecodeError::Truncated);
        value = stream_[pos_++];
        return true;
    }
    bool readU16(uint32_t &value)
    {
        uint32_t low = 0;
        uint32_t high = 0;
        if (!readByte(low) || !readByte(high))
            return false;
        value = low | (high << 8);
        return true;
    }
    bool readPixel(uint32_t &value)
    {
        if (stream_.size() - pos_ < pixelBytes_)
            return fail(T128DecodeError::Truncated);
        value = 0;
        for (std::size_t i = 0; i < pixelBytes_; ++i)
            value |= uint32_t{stream_[pos_++]} << (8 * i);
        return true;
    }
    bool room(std::size_t count)
    {
        return count <= pixels_.size() - out_ || fail(T128DecodeError::Overflow);
    }
    // The pixel above the next one written; black while the order began on the
    // first scanline (including the part of such an order that spills past it).
    uint32_t above(bool firstLine) const { return firstLine ? 0 : pixels_[out_ - width_]; }
    void put(uint32_t value) { pixels_[out_++] = value; }

    void fgBgBits(uint32_t mask, std::size_t count, bool firstLine)
    {
        for (std::size_t bit = 0; bit < count; ++bit) {
            const uint32_t up = above(firstLine);
            put((mask >> bit) & 1u ? up ^ fg_ : up);
        }
    }

    void order();
    bool runLength(uint8_t header, uint32_t &length);

    std::span<const uint8_t> stream_;
    std::size_t pixelBytes_;
    uint32_t white_;
    std::span<uint32_t> pixels_;
    std::size_t width_;
    std::size_t pos_ = 0;
    std::size_t out_ = 0;
    uint32_t fg_;
    bool firstLine_ = true;
    bool insertFg_ = false;
    T128DecodeError error_ = T128DecodeError::None;
};

bool RleReader::runLength(uint8_t header, uint32_t &length)
{
    uint32_t extra = 0;
    if (header >= 0xF0)
        return readU16(length);
    if (header >= 0xC0) {
        const auto code = static_cast<RleCode>(header >> 4);
        length = header & 0x0F;
        if (code == RleCode::SetFgFgBgImage) {
            if (length != 0) {
                length *= 8;
                return true;
            }
            return readByte(extra) && ((length = extra + 1), true);
        }
        return length != 0 || (readByte(extra) && ((length = extra + 16), true));
    }
    const auto code = static_cast<RleCode>(header >> 5);
    length = header & 0x1F;
    if (code == RleCode::FgBgImage) {
        if (length != 0) {
            length *= 8;
            return true;
        }
        return readByte(extra) && ((length = extra + 1), true);
    }
    return length != 0 || (readByte(extra) && ((length = extra + 32), true));
}

void RleReader::order()
{
    const uint8_t header = stream_[pos_++];
    const bool firstLine = firstLine_;
    uint32_t code = header;
    if (header < 0xC0)
        code = header >> 5;
    else if (header < 0xF0)
        code = header >> 4;

    uint32_t length = 0;
    const bool isBgRun = code == static_cast<uint32_t>(RleCode::BgRun) || header == kMegaBgRun;
    if (isBgRun) {
        if (!runLength(header, length))
            return;
        if (!room(length))
            return;
        if (insertFg_ && length > 0) {
            put(above(firstLine) ^ fg_);
            --length;
        }
        for (uint32_t i = 0; i < length; ++i)
            put(above(firstLine));
        insertFg_ = true;
        return;
    }
    insertFg_ = false;

    uint32_t value = 0;
    uint32_t other = 0;
    if (code == static_cast<uint32_t>(RleCode::FgRun) || header == kMegaFgRun ||
        code == static_cast<uint32_t>(RleCode::SetFgFgRun) || header == kMegaSetFgRun) {
        if (!runLength(header, length))
            return;
        if ((code == static_cast<uint32_t>(RleCode::SetFgFgRun) || header == kMegaSetFgRun) &&
            !readPixel(fg_))
            return;
        if (!room(length))
            return;
        for (uint32_t i = 0; i < length; ++i)
            put(above(firstLine) ^ fg_);
    } else if (code == static_cast<uint32_t>(RleCode::DitheredRun) || header == kMegaDitheredRun) {
        if (!runLength(header, length) || !readPixel(value) || !readPixel(other))
            return;
        if (!room(std::size_t{length} * 2))
            return;
        for (uint32_t i = 0; i < length; ++i) {
            put(value);
            put(other);
        }
    } else if (code == static_cast<uint32_t>(RleCode::ColorRun) || header == kMegaColorRun) {
        if (!runLength(header, length) || !readPixel(value) || !room(length))
            return;
        for (uint32_t i = 0; i < length; ++i)
            put(value);
    } else if (code == static_cast<uint32_t>(RleCode::FgBgImage) || header == kMegaFgBgImage ||
               code == static_cast<uint32_t>(RleCode::SetFgFgBgImage) ||
               header == kMegaSetFgBgImage) {
        if (!runLength(header, length))
            return;
        if ((code == static_cast<uint32_t>(RleCode::SetFgFgBgImage) ||
             header == kMegaSetFgBgImage) &&
            !readPixel(fg_))
            return;
        if ((length + 7) / 8 > stream_.size() - pos_) {
            fail(T128DecodeError::Truncated);
            return;
        }
        if (!room(length))
            return;
        while (length > 0) {
            const uint32_t bits = length < 8 ? length : 8;
            fgBgBits(stream_[pos_++], bits, firstLine);
            length -= bits;
        }
    } else if (code == static_cast<uint32_t>(RleCode::ColorImage) || header == kMegaColorImage) {
        if (!runLength(header, length))
            return;
        if (std::size_t{length} * pixelBytes_ > stream_.size() - pos_) {
            fail(T128DecodeError::Truncated);
            return;
        }
        if (!room(length))
            return;
        for (uint32_t i = 0; i < length; ++i) {
            readPixel(value);
            put(value);
        }
    } else if (header == kSpecialFgBg1 || header == kSpecialFgBg2) {
        if (!room(8))
            return;
        fgBgBits(header == kSpecialFgBg1 ? kMaskSpecialFgBg1 : kMaskSpecialFgBg2, 8, firstLine);
    } else if (header == kSpecialWhite || header == kSpecialBlack) {
        if (!room(1))
            return;
        put(header == kSpecialWhite ? white_ : 0);
    } else {
        fail(T128DecodeError::BadOrder);
    }
}

} // namespace

const char *toString(T128DecodeError error)
{
    switch (error) {
    case T128DecodeError::None:
        return "no error";
    case T128DecodeError::BadArguments:
        return "unsupported bitmap size or depth";
    case T128DecodeError::Truncated:
        return "truncated RLE stream";
    case T128DecodeError::Overflow:
        return "RLE order writes past the bitmap";
    case T128DecodeError::BadOrder:
        return "undefined RLE order";
    case T128DecodeError::Incomplete:
        return "RLE stream ends before the bitmap is full";
    }
    return "unknown error";
}

T128DecodeError T128BitmapDecoder::decode(std::span<const uint8_t> stream, int bitsPerPixel,
                                          const MutableFrameView &target,
                                          std::span<const uint32_t> palette)
{
    if (bytesPerNativePixel(bitsPerPixel) == 0 ||
        !Frame::isValidSize(target.width(), target.height()) ||
        (bitsPerPixel == 8 && palette.size() < 256))
        return T128DecodeError::BadArguments;
    const auto width = static_cast<std::size_t>(target.width());
    const auto height = static_cast<std::size_t>(target.height());
    std::vector<uint32_t> pixels(width * height);
    const T128DecodeError error = RleReader(stream, bitsPerPixel, pixels, width).run();
    if (error != T128DecodeError::None)
        return error;
    for (std::size_t line = 0; line < height; ++line) {
        const std::span<uint32_t> row = target.row(static_cast<int32_t>(height - 1 - line));
        const uint32_t *source = pixels.data() + line * width;
        for (std::size_t x = 0; x < width; ++x)
            row[x] = nativeToBgra(source[x], bitsPerPixel, palette);
    }
    return T128DecodeError::None;
}

} // namespace baton::t128
