#include "core/protocol/ActivationPdus.h"

#include "core/protocol/PduReader.h"
#include "core/protocol/PduWriter.h"

namespace baton::protocol {

namespace {

void writeDescriptorLength(PduWriter &w, const std::string &descriptor)
{
    if (descriptor.size() > kMaxSourceDescriptorBytes)
        w.fail(ErrorCode::TooLarge, "sourceDescriptor");
    if (!isValidUtf8(
            ByteView(reinterpret_cast<const uint8_t *>(descriptor.data()), descriptor.size())))
        w.fail(ErrorCode::BadValue, "sourceDescriptor");
    w.u16(uint16_t(descriptor.size()));
}

void writeDescriptor(PduWriter &w, const std::string &descriptor)
{
    w.bytes(ByteView(reinterpret_cast<const uint8_t *>(descriptor.data()), descriptor.size()));
}

// lengthCombinedCapabilities is written before the sets it measures: patched afterwards.
void writeCapabilities(PduWriter &w, size_t lengthAt, const std::vector<CapabilitySet> &sets)
{
    const size_t start = w.size();
    w.count16(sets.size(), kMaxCapabilitySets, "numberCapabilities");
    w.zeros(2);
    for (const CapabilitySet &set : sets)
        writeCapabilitySet(w, set);
    const size_t length = w.size() - start;
    if (length > 0xFFFF)
        w.fail(ErrorCode::TooLarge, "lengthCombinedCapabilities");
    w.patch16(lengthAt, uint16_t(length));
}

std::vector<CapabilitySet> readCapabilities(PduReader &r, size_t combinedLength)
{
    std::vector<CapabilitySet> sets;
    r.within(combinedLength, "lengthCombinedCapabilities", [&](PduReader &inner) {
        constexpr size_t kMinSetBytes = 4;
        const size_t count =
            inner.count(inner.u16(), kMaxCapabilitySets, kMinSetBytes, "numberCapabilities");
        inner.zeros(2, "capabilities pad");
        sets.reserve(count);
        for (size_t i = 0; i < count && inner.ok(); ++i)
            sets.push_back(readCapabilitySet(inner));
    });
    return sets;
}

} // namespace

void DemandActivePdu::write(PduWriter &w) const
{
    w.u32(shareId);
    writeDescriptorLength(w, sourceDescriptor);
    const size_t lengthAt = w.placeholder16();
    writeDescriptor(w, sourceDescriptor);
    writeCapabilities(w, lengthAt, capabilities);
}

DemandActivePdu DemandActivePdu::read(PduReader &r)
{
    DemandActivePdu pdu;
    pdu.shareId = r.u32();
    const size_t descriptorLength = r.u16();
    const size_t combinedLength = r.u16();
    pdu.sourceDescriptor = r.utf8(descriptorLength, kMaxSourceDescriptorBytes, "sourceDescriptor");
    pdu.capabilities = readCapabilities(r, combinedLength);
    return pdu;
}

void ConfirmActivePdu::write(PduWriter &w) const
{
    w.u32(shareId);
    w.u16(originatorId);
    writeDescriptorLength(w, sourceDescriptor);
    const size_t lengthAt = w.placeholder16();
    writeDescriptor(w, sourceDescriptor);
    writeCapabilities(w, lengthAt, capabilities);
}

ConfirmActivePdu ConfirmActivePdu::read(PduReader &r)
{
    ConfirmActivePdu pdu;
    pdu.shareId = r.u32();
    pdu.originatorId = r.u16();
    const size_t descriptorLength = r.u16();
    const size_t combinedLength = r.u16();
    pdu.sourceDescriptor = r.utf8(descriptorLength, kMaxSourceDescriptorBytes, "sourceDescriptor");
    pdu.capabilities = readCapabilities(r, combinedLength);
    return pdu;
}

void DeactivateAllPdu::write(PduWriter &w) const
{
    w.u32(shareId);
    writeDescriptorLength(w, sourceDescriptor);
    writeDescriptor(w, sourceDescriptor);
}

DeactivateAllPdu DeactivateAllPdu::read(PduReader &r)
{
    DeactivateAllPdu pdu;
    pdu.shareId = r.u32();
    const size_t descriptorLength = r.u16();
    pdu.sourceDescriptor = r.utf8(descriptorLength, kMaxSourceDescriptorBytes, "sourceDescriptor");
    return pdu;
}

} // namespace baton::protocol
