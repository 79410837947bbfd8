#include "core/protocol/Capabilities.h"

#include "core/protocol/PduReader.h"
#include "core/protocol/PduWriter.h"

#include <type_traits>

namespace baton::protocol {

namespace {

constexpr size_t kHeaderBytes = 4;

bool isKnownType(uint16_t type)
{
    switch (CapabilityType(type)) {
    case CapabilityType::General:
    case CapabilityType::Bitmap:
    case CapabilityType::Order:
    case CapabilityType::Control:
    case CapabilityType::Pointer:
    case CapabilityType::Share:
    case CapabilityType::Input:
    case CapabilityType::BatonCodecs:
        return true;
    }
    return false;
}

void writeBody(PduWriter &w, const GeneralCapability &c)
{
    w.u16(c.osMajorType);
    w.u16(c.osMinorType);
    w.u16(c.protocolVersion);
    w.zeros(2);
    w.u16(c.generalCompressionTypes);
    w.u16(c.extraFlags);
    w.u16(c.updateCapabilityFlag);
    w.u16(c.remoteUnshareFlag);
    w.u16(c.generalCompressionLevel);
    w.u8(c.refreshRectSupport);
    w.u8(c.suppressOutputSupport);
}

void readBody(PduReader &r, GeneralCapability &c)
{
    c.osMajorType = r.u16();
    c.osMinorType = r.u16();
    c.protocolVersion = r.u16();
    r.zeros(2, "general capability pad");
    c.generalCompressionTypes = r.u16();
    c.extraFlags = r.u16();
    c.updateCapabilityFlag = r.u16();
    c.remoteUnshareFlag = r.u16();
    c.generalCompressionLevel = r.u16();
    c.refreshRectSupport = r.u8();
    c.suppressOutputSupport = r.u8();
}

void writeBody(PduWriter &w, const BitmapCapability &c)
{
    w.u16(c.preferredBitsPerPixel);
    w.u16(c.receive1BitPerPixel);
    w.u16(c.receive4BitPerPixel);
    w.u16(c.receive8BitPerPixel);
    w.u16(c.desktopWidth);
    w.u16(c.desktopHeight);
    w.zeros(2);
    w.u16(c.desktopResizeFlag);
    w.u16(c.bitmapCompressionFlag);
    w.u8(c.highColorFlags);
    w.u8(c.drawingFlags);
    w.u16(c.multipleRectangleSupport);
    w.zeros(2);
}

void readBody(PduReader &r, BitmapCapability &c)
{
    c.preferredBitsPerPixel = r.u16();
    c.receive1BitPerPixel = r.u16();
    c.receive4BitPerPixel = r.u16();
    c.receive8BitPerPixel = r.u16();
    c.desktopWidth = r.u16();
    c.desktopHeight = r.u16();
    r.zeros(2, "bitmap capability pad");
    c.desktopResizeFlag = r.u16();
    c.bitmapCompressionFlag = r.u16();
    c.highColorFlags = r.u8();
    c.drawingFlags = r.u8();
    c.multipleRectangleSupport = r.u16();
    r.zeros(2, "bitmap capability pad");
}

template <size_t N> void readArray(PduReader &r, std::array<uint8_t, N> &out)
{
    const ByteView view = r.bytes(N);
    if (view.size() == N)
        std::copy(view.begin(), view.end(), out.begin());
}

void writeBody(PduWriter &w, const OrderCapability &c)
{
    w.bytes(c.terminalDescriptor);
    w.zeros(4);
    w.u16(c.desktopSaveXGranularity);
    w.u16(c.desktopSaveYGranularity);
    w.zeros(2);
    w.u16(c.maximumOrderLevel);
    w.u16(c.numberFonts);
    w.u16(c.orderFlags);
    w.bytes(c.orderSupport);
    w.u16(c.textFlags);
    w.u16(c.orderSupportExFlags);
    w.zeros(4);
    w.u32(c.desktopSaveSize);
    w.zeros(4);
    w.u16(c.textAnsiCodePage);
    w.zeros(2);
}

void readBody(PduReader &r, OrderCapability &c)
{
    readArray(r, c.terminalDescriptor);
    r.zeros(4, "order capability pad");
    c.desktopSaveXGranularity = r.u16();
    c.desktopSaveYGranularity = r.u16();
    r.zeros(2, "order capability pad");
    c.maximumOrderLevel = r.u16();
    c.numberFonts = r.u16();
    c.orderFlags = r.u16();
    readArray(r, c.orderSupport);
    c.textFlags = r.u16();
    c.orderSupportExFlags = r.u16();
    r.zeros(4, "order capability pad");
    c.desktopSaveSize = r.u32();
    r.zeros(4, "order capability pad");
    c.textAnsiCodePage = r.u16();
    r.zeros(2, "order capability pad");
}

void writeBody(PduWriter &w, const ControlCapability &c)
{
    w.u16(c.controlFlags);
    w.u16(c.remoteDetachFlag);
    w.u16(c.controlInterest);
    w.u16(c.detachInterest);
}

void readBody(PduReader &r, ControlCapability &c)
{
    c.controlFlags = r.u16();
    c.remoteDetachFlag = r.u16();
    c.controlInterest = r.u16();
    c.detachInterest = r.u16();
}

void writeBody(PduWriter &w, const PointerCapability &c)
{
    w.u16(c.colorPointerFlag);
    w.u16(c.colorPointerCacheSize);
    w.u16(c.pointerCacheSize);
}

void readBody(PduReader &r, PointerCapability &c)
{
    c.colorPointerFlag = r.u16();
    c.colorPointerCacheSize = r.u16();
    c.pointerCacheSize = r.u16();
}

void writeBody(PduWriter &w, const ShareCapability &c)
{
    w.u16(c.nodeId);
    w.zeros(2);
}

void readBody(PduReader &r, ShareCapability &c)
{
    c.nodeId = r.u16();
    r.zeros(2, "share capability pad");
}

void writeBody(PduWriter &w, const InputCapability &c)
{
    w.u16(c.inputFlags);
    w.zeros(2);
    w.u32(c.keyboardLayout);
    w.u32(c.keyboardType);
    w.u32(c.keyboardSubType);
    w.u32(c.keyboardFunctionKey);
    w.bytes(c.imeFileName);
}

void readBody(PduReader &r, InputCapability &c)
{
    c.inputFlags = r.u16();
    r.zeros(2, "input capability pad");
    c.keyboardLayout = r.u32();
    c.keyboardType = r.u32();
    c.keyboardSubType = r.u32();
    c.keyboardFunctionKey = r.u32();
    readArray(r, c.imeFileName);
}

void writeBody(PduWriter &w, const CodecCapability &c)
{
    w.count8(c.codecs.size(), CodecCapability::kMaxCodecs, "codec count");
    for (const CodecEntry &entry : c.codecs) {
        w.bytes(entry.guid);
        w.u8(entry.codecId);
        w.count16(entry.properties.size(), CodecEntry::kMaxPropertiesBytes,
                  "codec properties length");
        w.bytes(entry.properties);
    }
}

void readBody(PduReader &r, CodecCapability &c)
{
    constexpr size_t kMinEntryBytes = 16 + 1 + 2;
    const size_t count =
        r.count(r.u8(), CodecCapability::kMaxCodecs, kMinEntryBytes, "codec count");
    c.codecs.reserve(count);
    for (size_t i = 0; i < count && r.ok(); ++i) {
        CodecEntry entry;
        readArray(r, entry.guid);
        entry.codecId = r.u8();
        const size_t length = r.u16();
        if (r.ok() && length > CodecEntry::kMaxPropertiesBytes)
            r.fail(ErrorCode::TooLarge, "codec properties length");
        entry.properties = r.copyBytes(length);
        c.codecs.push_back(std::move(entry));
    }
}

template <typename T> void readFixed(PduReader &r, size_t length, CapabilitySet &set)
{
    T capability;
    if (length != T::kBytes) {
        r.failAt(r.offset() - 2, ErrorCode::LengthMismatch, "capability set length");
        return;
    }
    r.within(length - kHeaderBytes, "capability set",
             [&](PduReader &inner) { readBody(inner, capability); });
    set = capability;
}

} // namespace

void writeCapabilitySet(PduWriter &w, const CapabilitySet &set)
{
    const size_t start = w.size();
    std::visit(
        [&](const auto &capability) {
            using T = std::decay_t<decltype(capability)>;
            if constexpr (std::is_same_v<T, UnknownCapability>) {
                if (isKnownType(capability.type))
                    w.fail(ErrorCode::BadValue, "unknown capability with a known type");
                if (capability.data.size() > UnknownCapability::kMaxBytes - kHeaderBytes)
                    w.fail(ErrorCode::TooLarge, "capability set length");
                w.u16(capability.type);
                w.placeholder16();
                w.bytes(capability.data);
            } else {
                w.u16(uint16_t(T::kType));
                w.placeholder16();
                writeBody(w, capability);
            }
        },
        set);
    const size_t length = w.size() - start;
    if (length > 0xFFFF)
        w.fail(ErrorCode::TooLarge, "capability set length");
    w.patch16(start + 2, uint16_t(length));
}

CapabilitySet readCapabilitySet(PduReader &r)
{
    CapabilitySet set;
    const uint16_t type = r.u16();
    const size_t length = r.u16();
    if (!r.ok())
        return set;
    if (length < kHeaderBytes) {
        r.failAt(r.offset() - 2, ErrorCode::LengthMismatch, "capability set length");
        return set;
    }
    switch (CapabilityType(type)) {
    case CapabilityType::General:
        readFixed<GeneralCapability>(r, length, set);
        return set;
    case CapabilityType::Bitmap:
        readFixed<BitmapCapability>(r, length, set);
        return set;
    case CapabilityType::Order:
        readFixed<OrderCapability>(r, length, set);
        return set;
    case CapabilityType::Control:
        readFixed<ControlCapability>(r, length, set);
        return set;
    case CapabilityType::Pointer:
        readFixed<PointerCapability>(r, length, set);
        return set;
    case CapabilityType::Share:
        readFixed<ShareCapability>(r, length, set);
        return set;
    case CapabilityType::Input:
        readFixed<InputCapability>(r, length, set);
        return set;
    case CapabilityType::BatonCodecs: {
        CodecCapability codecs;
        r.within(length - kHeaderBytes, "codec capability set",
                 [&](PduReader &inner) { readBody(inner, codecs); });
        set = std::move(codecs);
        return set;
    }
    }
    if (length > UnknownCapability::kMaxBytes) {
        r.failAt(r.offset() - 2, ErrorCode::TooLarge, "capability set length");
        return set;
    }
    set = UnknownCapability{type, r.copyBytes(length - kHeaderBytes)};
    return set;
}

} // namespace baton::protocol
