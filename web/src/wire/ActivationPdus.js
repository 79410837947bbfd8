// Share activation (T.128 8.4.1, docs/protocol.md §6), a port of
// core/protocol/ActivationPdus. Share control PDUs (no share data header): their shareId
// is a body field. lengthCombinedCapabilities counts numberCapabilities, pad2 and the sets.

import { kMaxCapabilitySets, readCapabilitySet, writeCapabilitySet } from './Capabilities.js';
import { ErrorCode } from './ProtocolError.js';
import { PduType } from './PduTypes.js';
import { encodeUtf8 } from './Utf8.js';

export const kMaxSourceDescriptorBytes = 128;

function readCapabilities(r, combinedLength) {
  return r.within(combinedLength, 'lengthCombinedCapabilities', (inner) => {
    const kMinSetBytes = 4;
    const count = inner.count(inner.u16(), kMaxCapabilitySets, kMinSetBytes,
      'numberCapabilities');
    inner.zeros(2, 'capabilities pad');
    const sets = [];
    for (let i = 0; i < count; ++i)
      sets.push(readCapabilitySet(inner));
    return sets;
  });
}

function descriptorBytes(w, descriptor) {
  const bytes = encodeUtf8(descriptor, 'sourceDescriptor');
  if (bytes.length > kMaxSourceDescriptorBytes)
    w.fail(ErrorCode.TooLarge, 'sourceDescriptor');
  return bytes;
}

// lengthCombinedCapabilities is written before the sets it measures: patched afterwards.
function writeCapabilities(w, lengthAt, sets) {
  const start = w.size;
  w.count16(sets.length, kMaxCapabilitySets, 'numberCapabilities');
  w.zeros(2);
  for (const set of sets)
    writeCapabilitySet(w, set);
  const length = w.size - start;
  if (length > 0xFFFF)
    w.fail(ErrorCode.TooLarge, 'lengthCombinedCapabilities');
  w.patch16(lengthAt, length);
}

export const DemandActive = {
  pduType: PduType.DemandActive,
  read(r) {
    const shareId = r.u32();
    const descriptorLength = r.u16();
    const combinedLength = r.u16();
    const sourceDescriptor = r.utf8(descriptorLength, kMaxSourceDescriptorBytes,
      'sourceDescriptor');
    return { type: 'DemandActive', shareId, sourceDescriptor,
      capabilities: readCapabilities(r, combinedLength) };
  },
  write(w, pdu) {
    w.u32(pdu.shareId);
    const descriptor = descriptorBytes(w, pdu.sourceDescriptor);
    w.u16(descriptor.length);
    const lengthAt = w.placeholder16();
    w.bytes(descriptor);
    writeCapabilities(w, lengthAt, pdu.capabilities);
  },
};

export const ConfirmActive = {
  pduType: PduType.ConfirmActive,
  read(r) {
    const shareId = r.u32();
    const originatorId = r.u16();
    const descriptorLength = r.u16();
    const combinedLength = r.u16();
    const sourceDescriptor = r.utf8(descriptorLength, kMaxSourceDescriptorBytes,
      'sourceDescriptor');
    return { type: 'ConfirmActive', shareId, originatorId, sourceDescriptor,
      capabilities: readCapabilities(r, combinedLength) };
  },
  write(w, pdu) {
    w.u32(pdu.shareId);
    w.u16(pdu.originatorId);
    const descriptor = descriptorBytes(w, pdu.sourceDescriptor);
    w.u16(descriptor.length);
    const lengthAt = w.placeholder16();
    w.bytes(descriptor);
    writeCapabilities(w, lengthAt, pdu.capabilities);
  },
};

export const DeactivateAll = {
  pduType: PduType.DeactivateAll,
  read(r) {
    const shareId = r.u32();
    const descriptorLength = r.u16();
    return { type: 'DeactivateAll', shareId,
      sourceDescriptor: r.utf8(descriptorLength, kMaxSourceDescriptorBytes, 'sourceDescriptor') };
  },
  write(w, pdu) {
    w.u32(pdu.shareId);
    const descriptor = descriptorBytes(w, pdu.sourceDescriptor);
    w.u16(descriptor.length);
    w.bytes(descriptor);
  },
};
