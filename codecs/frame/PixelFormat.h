#pragma once

#include "codecs/diff/SimdLevel.h"
#include "codecs/frame/PixelFormatKernels.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baton {

// How a captured image stores its pixels: what an X server says about a window's visual
// and pixmap format, without any X types (codecs/ has no X and no Qt).
struct PixelFormat {
    enum class Kind {
        // Each channel's bits give its intensity: 1..16-bit channels widen to 8 bits by
        // replicating their bits, as the X server does ((v << 3) | (v >> 2) for 5 bits,
        // v >> 2 for 10 bits).
        TrueColor,
        // Each channel's bits index that channel's ramp (the window's colormap).
        DirectColor,
        // The pixel indexes palette (PseudoColor, StaticColor, GrayScale, StaticGray);
        // the masks are ignored.
        Indexed,
    };

    Kind kind = Kind::TrueColor;
    int bitsPerPixel = 32; // 8, 16 or 32: what the pixmap format stores per pixel
    int depth = 24; // significant bits of each pixel, from bit 0 up
    uint32_t redMask = 0xff0000u;
    uint32_t greenMask = 0xff00u;
    uint32_t blueMask = 0xffu;
    // True for ARGB visuals (depth 32): the eight bits of the depth outside the masks are
    // an alpha that the colours are already multiplied by. Otherwise those bits are junk.
    bool premultipliedAlpha = false;
    // X's image byte order. Only least significant byte first is converted.
    bool msbFirst = false;
    // DirectColor: one 8-bit intensity per value of the channel, (mask >> shift) + 1 of
    // them, in the order of the channel's values.
    std::vector<uint8_t> redRamp;
    std::vector<uint8_t> greenRamp;
    std::vector<uint8_t> blueRamp;
    // Indexed: BGRA by pixel value (alpha 0xff), at most 256 entries; values past the end
    // are black.
    std::vector<uint32_t> palette;

    // The formats the hot paths serve (TrueColor, little-endian).
    static PixelFormat bgrx32(); // depth 24, 0xff0000/0xff00/0xff in 32 bits
    static PixelFormat bgra32(); // depth 32 ARGB, premultiplied
    static PixelFormat rgb565(); // depth 16
    static PixelFormat rgb555(); // depth 15 in 16 bits
    static PixelFormat rgb30(); // depth 30, red at the top: 0x3ff00000/0xffc00/0x3ff
    static PixelFormat bgr30(); // depth 30, red at the bottom: 0x3ff/0xffc00/0x3ff00000
};

// Converts images of one PixelFormat to BGRA (codecs/frame/Frame.h). Immutable once
// made, so one converter may serve several threads; make a new one when the format
// changes (a DirectColor or PseudoColor window's colormap is edited).
class PixelConverter {
public:
    // A converter for format using the pixel kernels of defaultPixelKernels() (BATON_SIMD),
    // or nullopt with the reason in *reason when format cannot be converted (MSB-first,
    // 24 bits per pixel, masks that overlap or have holes, ramps of the wrong size…).
    static std::optional<PixelConverter> create(const PixelFormat &format,
                                                std::string *reason = nullptr);
    // The same with chosen kernels (tests and benchmarks compare them).
    static std::optional<PixelConverter> create(const PixelFormat &format,
                                                const PixelKernels &kernels, std::string *reason);

    // Converts a width x height image at src (rows srcStride bytes apart, no alignment
    // needed) into dstBgra (rows dstStride bytes apart). Alpha is 0xff unless the format
    // has premultiplied alpha, which is kept. Bytes past each row's width are untouched.
    void convert(const uint8_t *src, int srcStride, int width, int height, uint8_t *dstBgra,
                 int dstStride) const;

    // True when the source already is the BGRA picture (8-bit channels at 0xff0000,
    // 0xff00, 0xff, linear, 32 bits per pixel): a caller may use its bytes as they are.
    // Without alpha (depth 24) the fourth byte is then left as the server sent it, which
    // is undefined; convert() would set it to 0xff.
    bool isIdentity() const { return path_ == Path::Bgra || path_ == Path::Bgrx; }

    // Which path converts, for logs: "rgb565/avx2", "directcolor32/scalar", "bgrx"…
    std::string name() const;
    // The instruction set of the kernel in use; Scalar for the paths without SIMD.
    SimdLevel simdLevel() const { return row_ != nullptr ? level_ : SimdLevel::Scalar; }

private:
    enum class Path { Bgra, Bgrx, Kernel, Channels16, Channels32, Palette8 };
    struct Channel {
        uint32_t mask = 0;
        int shift = 0;
        std::vector<uint8_t> ramp; // (mask >> shift) + 1 entries
    };

    PixelConverter() = default;
    void convertRow(const uint8_t *src, uint8_t *dst, int width) const;
    uint32_t channelsToBgra(uint32_t pixel) const;

    Path path_ = Path::Bgrx;
    const char *kernelName_ = "";
    pixel::ConvertRowFn row_ = nullptr;
    SimdLevel level_ = SimdLevel::Scalar;
    std::array<Channel, 3> channels_; // red, green, blue
    uint32_t alphaMask_ = 0;
    int alphaShift_ = 0;
    uint32_t depthMask_ = 0;
    std::vector<uint32_t> palette_; // Palette8: 256 BGRA entries
};

} // namespace baton
