#pragma once

#include <cstdint>

// Constants of the interleaved RLE bitmap compression that T.128 bitmap updates and
// RDP after it use (MS-RDPBCGR 2.2.9.1.1.3.1.2.4 RLE_BITMAP_STREAM; the digest is
// research/t128.md §5.5). The stream rebuilds the bitmap bottom-up, scanline after
// scanline, and most orders are relative to the scanline above (black for the first).
namespace baton::t128 {

enum class RleCode : uint8_t {
    // Regular orders: 3-bit code in bits 5-7, 5-bit run length.
    BgRun = 0x0,
    FgRun = 0x1,
    FgBgImage = 0x2,
    ColorRun = 0x3,
    ColorImage = 0x4,
    // Lite orders: 4-bit code in bits 4-7 (0xC0…0xEF), 4-bit run length.
    SetFgFgRun = 0xC,
    SetFgFgBgImage = 0xD,
    DitheredRun = 0xE,
};

// Whole-byte orders (0xF0…0xFF): "mega-mega" forms with a u16 length, and specials.
inline constexpr uint8_t kMegaBgRun = 0xF0;
inline constexpr uint8_t kMegaFgRun = 0xF1;
inline constexpr uint8_t kMegaFgBgImage = 0xF2;
inline constexpr uint8_t kMegaColorRun = 0xF3;
inline constexpr uint8_t kMegaColorImage = 0xF4;
inline constexpr uint8_t kMegaSetFgRun = 0xF6;
inline constexpr uint8_t kMegaSetFgBgImage = 0xF7;
inline constexpr uint8_t kMegaDitheredRun = 0xF8;
inline constexpr uint8_t kSpecialFgBg1 = 0xF9;
inline constexpr uint8_t kSpecialFgBg2 = 0xFA;
inline constexpr uint8_t kSpecialWhite = 0xFD;
inline constexpr uint8_t kSpecialBlack = 0xFE;

inline constexpr uint8_t kMaskSpecialFgBg1 = 0x03;
inline constexpr uint8_t kMaskSpecialFgBg2 = 0x05;

// Run-length limits of the one-byte and two-byte forms.
inline constexpr uint32_t kRegularMaxShort = 31;
inline constexpr uint32_t kRegularMaxByte = 31 + 256;
inline constexpr uint32_t kLiteMaxShort = 15;
inline constexpr uint32_t kLiteMaxByte = 15 + 256;
inline constexpr uint32_t kMegaMax = 0xFFFF;

} // namespace baton::t128
