#pragma once

#include "core/protocol/Bytes.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <variant>
#include <vector>

namespace baton::protocol {

class PduReader;
class PduWriter;

// Capability sets (T.128 8.2; layouts as in t128.md §3.2, verbatim). Every set starts with
// capabilitySetType(2) | lengthCapability(2, header included). Fields named pad are
// written as zeros and must be zero. A Baton decoder insists on each T.128 set's exact
// length; a set of a type it does not know is kept as UnknownCapability and ignored.

enum class CapabilityType : uint16_t {
    General = 1,
    Bitmap = 2,
    Order = 3,
    Control = 5,
    Pointer = 8,
    Share = 9,
    Input = 13,
    BatonCodecs = 0x7F01, // Baton private range 0x7F00-0x7FFF
};

struct GeneralCapability {
    static constexpr CapabilityType kType = CapabilityType::General;
    static constexpr size_t kBytes = 24;
    uint16_t osMajorType = 0;
    uint16_t osMinorType = 0;
    uint16_t protocolVersion = 0x0200; // T.128 / NetMeeting CAPS_VERSION_20
    uint16_t generalCompressionTypes = 0;
    uint16_t extraFlags = 0;
    uint16_t updateCapabilityFlag = 0;
    uint16_t remoteUnshareFlag = 0;
    uint16_t generalCompressionLevel = 0;
    uint8_t refreshRectSupport = 0;
    uint8_t suppressOutputSupport = 0;
    friend bool operator==(const GeneralCapability &, const GeneralCapability &) = default;
};

struct BitmapCapability {
    static constexpr CapabilityType kType = CapabilityType::Bitmap;
    static constexpr size_t kBytes = 28;
    uint16_t preferredBitsPerPixel = 32;
    uint16_t receive1BitPerPixel = 1;
    uint16_t receive4BitPerPixel = 1;
    uint16_t receive8BitPerPixel = 1;
    uint16_t desktopWidth = 0;
    uint16_t desktopHeight = 0;
    uint16_t desktopResizeFlag = 0;
    uint16_t bitmapCompressionFlag = 0;
    uint8_t highColorFlags = 0;
    uint8_t drawingFlags = 0;
    uint16_t multipleRectangleSupport = 1;
    friend bool operator==(const BitmapCapability &, const BitmapCapability &) = default;
};

// orderSupport indices (t128.md §3.2) for the orders Baton sends.
inline constexpr size_t kOrderSupportScrBlt = 2;
inline constexpr size_t kOrderSupportMemBlt = 3;
inline constexpr size_t kOrderSupportOpaqueRect = 0x0A;

struct OrderCapability {
    static constexpr CapabilityType kType = CapabilityType::Order;
    static constexpr size_t kBytes = 88;
    std::array<uint8_t, 16> terminalDescriptor{};
    uint16_t desktopSaveXGranularity = 1;
    uint16_t desktopSaveYGranularity = 20;
    uint16_t maximumOrderLevel = 1;
    uint16_t numberFonts = 0;
    uint16_t orderFlags = 0;
    std::array<uint8_t, 32> orderSupport{};
    uint16_t textFlags = 0;
    uint16_t orderSupportExFlags = 0;
    uint32_t desktopSaveSize = 230400;
    uint16_t textAnsiCodePage = 0;
    friend bool operator==(const OrderCapability &, const OrderCapability &) = default;
};

enum class ControlPriority : uint16_t { Always = 1, Never = 2, Confirm = 3 };

struct ControlCapability {
    static constexpr CapabilityType kType = CapabilityType::Control;
    static constexpr size_t kBytes = 12;
    uint16_t controlFlags = 0;
    uint16_t remoteDetachFlag = 0;
    uint16_t controlInterest = uint16_t(ControlPriority::Never);
    uint16_t detachInterest = uint16_t(ControlPriority::Never);
    friend bool operator==(const ControlCapability &, const ControlCapability &) = default;
};

struct PointerCapability {
    static constexpr CapabilityType kType = CapabilityType::Pointer;
    static constexpr size_t kBytes = 10;
    uint16_t colorPointerFlag = 1;
    uint16_t colorPointerCacheSize = 25;
    uint16_t pointerCacheSize = 25;
    friend bool operator==(const PointerCapability &, const PointerCapability &) = default;
};

struct ShareCapability {
    static constexpr CapabilityType kType = CapabilityType::Share;
    static constexpr size_t kBytes = 8;
    uint16_t nodeId = 0; // the sender's user id
    friend bool operator==(const ShareCapability &, const ShareCapability &) = default;
};

struct InputCapability {
    static constexpr CapabilityType kType = CapabilityType::Input;
    static constexpr size_t kBytes = 88;
    static constexpr uint16_t kScancodes = 0x0001;
    static constexpr uint16_t kMouseX = 0x0004;
    static constexpr uint16_t kUnicode = 0x0010;
    uint16_t inputFlags = kScancodes | kMouseX | kUnicode;
    uint32_t keyboardLayout = 0;
    uint32_t keyboardType = 0;
    uint32_t keyboardSubType = 0;
    uint32_t keyboardFunctionKey = 0;
    std::array<uint8_t, 64> imeFileName{};
    friend bool operator==(const InputCapability &, const InputCapability &) = default;
};

// Baton codec ids (the codecs engineer defines what each one's payload holds).
enum class CodecId : uint8_t {
    RawTiles = 1,
    ZstdTiles = 2,
    H264Avc420 = 3,
    H264Avc444 = 4,
    Av1 = 5,
    LegacyInterleavedRle = 0xFE,
};

// Modelled on RDP's bitmap codecs set: bitmapCodecCount(1), then per codec
// codecGUID(16) | codecID(1) | codecPropertiesLength(2) | codecProperties.
struct CodecEntry {
    static constexpr size_t kMaxPropertiesBytes = 1024;
    std::array<uint8_t, 16> guid{};
    uint8_t codecId = 0;
    Bytes properties; // defined by the codec (tile size, levels, profile, ...)
    friend bool operator==(const CodecEntry &, const CodecEntry &) = default;
};

struct CodecCapability {
    static constexpr CapabilityType kType = CapabilityType::BatonCodecs;
    static constexpr size_t kMaxCodecs = 32;
    std::vector<CodecEntry> codecs;
    friend bool operator==(const CodecCapability &, const CodecCapability &) = default;
};

// A set of a type this version does not know: carried so it can be relayed, ignored.
struct UnknownCapability {
    static constexpr size_t kMaxBytes = 4096;
    uint16_t type = 0;
    Bytes data; // after the 4-byte header
    friend bool operator==(const UnknownCapability &, const UnknownCapability &) = default;
};

using CapabilitySet = std::variant<GeneralCapability, BitmapCapability, OrderCapability,
                                   ControlCapability, PointerCapability, ShareCapability,
                                   InputCapability, CodecCapability, UnknownCapability>;

inline constexpr size_t kMaxCapabilitySets = 64;

// Writes one set with its header (lengthCapability filled in).
void writeCapabilitySet(PduWriter &w, const CapabilitySet &set);
// Reads one set with its header; fails on a known set whose length is wrong.
CapabilitySet readCapabilitySet(PduReader &r);

} // namespace baton::protocol
