#include "codecs/frame/PixelFormat.h"

#include "codecs/frame/PixelFormatRow.h"

#include <bit>
#include <cstdio>
#include <cstring>

namespace baton {

// The kernels read pixels as native integers and write BGRA as one; both match X's
// LSB-first images and Frame's byte order only on a little-endian host.
static_assert(std::endian::native == std::endian::little);

PixelFormat PixelFormat::bgrx32()
{
    return {};
}

PixelFormat PixelFormat::bgra32()
{
    PixelFormat format;
    format.depth = 32;
    format.premultipliedAlpha = true;
    return format;
}

PixelFormat PixelFormat::rgb565()
{
    PixelFormat format;
    format.bitsPerPixel = 16;
    format.depth = 16;
    format.redMask = 0xf800u;
    format.greenMask = 0x7e0u;
    format.blueMask = 0x1fu;
    return format;
}

PixelFormat PixelFormat::rgb555()
{
    PixelFormat format = rgb565();
    format.depth = 15;
    format.redMask = 0x7c00u;
    format.greenMask = 0x3e0u;
    return format;
}

PixelFormat PixelFormat::rgb30()
{
    PixelFormat format;
    format.depth = 30;
    format.redMask = 0x3ff00000u;
    format.greenMask = 0xffc00u;
    format.blueMask = 0x3ffu;
    return format;
}

PixelFormat PixelFormat::bgr30()
{
    PixelFormat format = rgb30();
    std::swap(format.redMask, format.blueMask);
    return format;
}

namespace {

constexpr int kMaxChannelBits = 16; // bounds each ramp to 64 KiB

std::string hex(uint32_t value)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%x", value);
    return text;
}

// A channel of `bits` bits widened to 8 the way the X server widens TrueColor channels:
// the bits repeated from the top down ((v << 3) | (v >> 2) for 5 bits), or the top 8.
uint8_t widen(uint32_t value, int bits)
{
    if (bits >= 8)
        return static_cast<uint8_t>(value >> (bits - 8));
    uint32_t repeated = 0;
    int filled = 0;
    for (; filled < 8; filled += bits)
        repeated = repeated << bits | value;
    return static_cast<uint8_t>(repeated >> (filled - 8));
}

std::vector<uint8_t> linearRamp(int bits)
{
    std::vector<uint8_t> ramp(std::size_t{1} << bits);
    for (uint32_t v = 0; v < ramp.size(); ++v)
        ramp[v] = widen(v, bits);
    return ramp;
}

bool isContiguous(uint32_t mask)
{
    const uint32_t low = mask >> std::countr_zero(mask);
    return (low & (low + 1)) == 0;
}

// The fast TrueColor formats and their kernels; masks are red, green, blue.
struct KernelFormat {
    int bitsPerPixel;
    uint32_t masks[3];
    const char *name;
    pixel::ConvertRowFn PixelKernels::*row;
};
constexpr KernelFormat kKernelFormats[] = {
    {16, {0xf800u, 0x7e0u, 0x1fu}, "rgb565", &PixelKernels::rgb565},
    {16, {0x7c00u, 0x3e0u, 0x1fu}, "rgb555", &PixelKernels::rgb555},
    {32, {0x3ff00000u, 0xffc00u, 0x3ffu}, "rgb30", &PixelKernels::rgb30},
    {32, {0x3ffu, 0xffc00u, 0x3ff00000u}, "bgr30", &PixelKernels::bgr30},
};

} // namespace

std::optional<PixelConverter> PixelConverter::create(const PixelFormat &format, std::string *reason)
{
    return create(format, defaultPixelKernels(), reason);
}

std::optional<PixelConverter>
PixelConverter::create(const PixelFormat &format, const PixelKernels &kernels, std::string *reason)
{
    const auto refuse = [reason](std::string why) -> std::optional<PixelConverter> {
        if (reason)
            *reason = std::move(why);
        return std::nullopt;
    };
    if (format.msbFirst)
        return refuse("MSB-first image byte order is not supported");
    const int bpp = format.bitsPerPixel;
    if (bpp != 8 && bpp != 16 && bpp != 32)
        return refuse(std::to_string(bpp) + " bits per pixel is not supported (8, 16 or 32)");
    if (format.depth < 1 || format.depth > bpp)
        return refuse("depth " + std::to_string(format.depth) + " does not fit in " +
                      std::to_string(bpp) + " bits per pixel");

    PixelConverter converter;
    converter.depthMask_ = format.depth == 32 ? ~0u : (1u << format.depth) - 1;
    if (format.kind == PixelFormat::Kind::Indexed) {
        if (bpp != 8)
            return refuse("indexed colour needs 8 bits per pixel, not " + std::to_string(bpp));
        if (format.palette.empty() || format.palette.size() > 256)
            return refuse("indexed colour needs a palette of 1 to 256 entries, not " +
                          std::to_string(format.palette.size()));
        converter.path_ = Path::Palette8;
        converter.palette_.assign(256, 0xff000000u);
        for (uint32_t v = 0; v < 256; ++v) {
            const uint32_t index = v & converter.depthMask_;
            if (index < format.palette.size())
                converter.palette_[v] = format.palette[index];
        }
        return converter;
    }

    const uint32_t masks[3] = {format.redMask, format.greenMask, format.blueMask};
    const std::vector<uint8_t> *ramps[3] = {&format.redRamp, &format.greenRamp, &format.blueRamp};
    const char *names[3] = {"red", "green", "blue"};
    bool linear = true;
    for (int i = 0; i < 3; ++i) {
        const uint32_t mask = masks[i];
        const std::string what = std::string("the ") + names[i] + " mask " + hex(mask);
        if (mask == 0 || !isContiguous(mask))
            return refuse(what + " is not one run of bits");
        if ((mask & ~converter.depthMask_) != 0)
            return refuse(what + " lies outside depth " + std::to_string(format.depth));
        const int bits = std::popcount(mask);
        if (bits > kMaxChannelBits)
            return refuse(what + " is wider than " + std::to_string(kMaxChannelBits) + " bits");
        Channel &channel = converter.channels_[i];
        channel.mask = mask;
        channel.shift = std::countr_zero(mask);
        channel.ramp = linearRamp(bits);
        if (format.kind == PixelFormat::Kind::DirectColor) {
            if (ramps[i]->size() != channel.ramp.size())
                return refuse(std::string("the ") + names[i] + " ramp has " +
                              std::to_string(ramps[i]->size()) + " entries, the mask needs " +
                              std::to_string(channel.ramp.size()));
            // A DirectColor colormap left linear converts as TrueColor, on the fast paths.
            linear = linear && *ramps[i] == channel.ramp;
            channel.ramp = *ramps[i];
        }
    }
    if ((masks[0] & masks[1]) | (masks[0] & masks[2]) | (masks[1] & masks[2]))
        return refuse("the colour masks " + hex(masks[0]) + ", " + hex(masks[1]) + ", " +
                      hex(masks[2]) + " overlap");
    if (format.premultipliedAlpha) {
        const uint32_t alpha = converter.depthMask_ & ~(masks[0] | masks[1] | masks[2]);
        if (std::popcount(alpha) != 8 || !isContiguous(alpha))
            return refuse("premultiplied alpha needs 8 bits outside the colour masks, depth " +
                          std::to_string(format.depth) + " leaves " + hex(alpha));
        converter.alphaMask_ = alpha;
        converter.alphaShift_ = std::countr_zero(alpha);
    }

    if (bpp == 8) {
        converter.path_ = Path::Palette8;
        converter.palette_.resize(256);
        for (uint32_t v = 0; v < 256; ++v)
            converter.palette_[v] = converter.channelsToBgra(v);
        return converter;
    }
    converter.path_ = bpp == 16 ? Path::Channels16 : Path::Channels32;
    if (!linear)
        return converter;
    if (bpp == 32 && masks[0] == 0xff0000u && masks[1] == 0xff00u && masks[2] == 0xffu) {
        converter.path_ = converter.alphaMask_ == 0xff000000u ? Path::Bgra : Path::Bgrx;
        return converter;
    }
    if (converter.alphaMask_ != 0)
        return converter;
    for (const KernelFormat &fast : kKernelFormats) {
        if (fast.bitsPerPixel == bpp && fast.masks[0] == masks[0] && fast.masks[1] == masks[1] &&
            fast.masks[2] == masks[2]) {
            converter.path_ = Path::Kernel;
            converter.kernelName_ = fast.name;
            converter.row_ = kernels.*fast.row;
            converter.level_ = kernels.level;
        }
    }
    return converter;
}

void PixelConverter::convert(const uint8_t *src, int srcStride, int width, int height,
                             uint8_t *dstBgra, int dstStride) const
{
    for (int y = 0; y < height; ++y)
        convertRow(src + static_cast<std::ptrdiff_t>(y) * srcStride,
                   dstBgra + static_cast<std::ptrdiff_t>(y) * dstStride, width);
}

void PixelConverter::convertRow(const uint8_t *src, uint8_t *dst, int width) const
{
    switch (path_) {
    case Path::Bgra:
        if (width > 0)
            std::memcpy(dst, src, static_cast<std::size_t>(width) * 4);
        return;
    case Path::Bgrx:
        for (int x = 0; x < width; ++x)
            pixel::store32(dst + 4 * x, pixel::load32(src + 4 * x) | 0xff000000u);
        return;
    case Path::Kernel:
        row_(src, dst, width);
        return;
    case Path::Channels16:
        for (int x = 0; x < width; ++x)
            pixel::store32(dst + 4 * x, channelsToBgra(pixel::load16(src + 2 * x)));
        return;
    case Path::Channels32:
        for (int x = 0; x < width; ++x)
            pixel::store32(dst + 4 * x, channelsToBgra(pixel::load32(src + 4 * x)));
        return;
    case Path::Palette8:
        for (int x = 0; x < width; ++x)
            pixel::store32(dst + 4 * x, palette_[src[x]]);
        return;
    }
}

uint32_t PixelConverter::channelsToBgra(uint32_t pixel) const
{
    const auto value = [pixel](const Channel &c) -> uint32_t {
        return c.ramp[(pixel & c.mask) >> c.shift];
    };
    const uint32_t alpha =
        alphaMask_ != 0 ? (pixel & alphaMask_) >> alphaShift_ << 24 : 0xff000000u;
    return alpha | value(channels_[0]) << 16 | value(channels_[1]) << 8 | value(channels_[2]);
}

std::string PixelConverter::name() const
{
    switch (path_) {
    case Path::Bgra:
        return "bgra";
    case Path::Bgrx:
        return "bgrx";
    case Path::Kernel:
        return std::string(kernelName_) + "/" + std::string(simdLevelName(level_));
    case Path::Channels16:
        return "channels16";
    case Path::Channels32:
        return "channels32";
    case Path::Palette8:
        return "palette8";
    }
    return {};
}

} // namespace baton
