// Capability sets (T.128 8.2, docs/protocol.md §6.1), a port of core/protocol/Capabilities.
// Every set is capabilitySetType(2) | lengthCapability(2, header included) | fields; a
// known T.128 set must have exactly its length, a set of an unknown type (≤ 4,096 bytes)
// is kept as {kind: 'Unknown'} and ignored.

import { ErrorCode, refuse } from './ProtocolError.js';

export const CapabilityType = Object.freeze({
  General: 1,
  Bitmap: 2,
  Order: 3,
  Control: 5,
  Pointer: 8,
  Share: 9,
  Input: 13,
  BatonCodecs: 0x7F01,
});

export const CodecId = Object.freeze({
  RawTiles: 1,
  ZstdTiles: 2,
  H264Avc420: 3,
  H264Avc444: 4,
  Av1: 5,
  LegacyInterleavedRle: 0xFE,
});

export const ControlPriority = Object.freeze({ Always: 1, Never: 2, Confirm: 3 });
export const InputCapabilityFlags = Object.freeze({ Scancodes: 0x0001, MouseX: 0x0004,
  Unicode: 0x0010 });

export const kMaxCapabilitySets = 64;
export const kMaxCodecs = 32;
export const kMaxCodecPropertiesBytes = 1024;
export const kMaxUnknownCapabilityBytes = 4096;
const kHeaderBytes = 4;

// Each known set: its type, its exact length, C++'s default member values, and how its
// fields follow the header. A field is [name, 'u8' | 'u16' | 'u32'], [null, 'pad', bytes,
// what] or [name, 'array', bytes]; an array's default is a function making a fresh one.
const kLayouts = {
  General: {
    type: CapabilityType.General, bytes: 24,
    defaults: { osMajorType: 0, osMinorType: 0, protocolVersion: 0x0200,
      generalCompressionTypes: 0, extraFlags: 0, updateCapabilityFlag: 0, remoteUnshareFlag: 0,
      generalCompressionLevel: 0, refreshRectSupport: 0, suppressOutputSupport: 0 },
    fields: [['osMajorType', 'u16'], ['osMinorType', 'u16'], ['protocolVersion', 'u16'],
      [null, 'pad', 2, 'general capability pad'], ['generalCompressionTypes', 'u16'],
      ['extraFlags', 'u16'], ['updateCapabilityFlag', 'u16'], ['remoteUnshareFlag', 'u16'],
      ['generalCompressionLevel', 'u16'], ['refreshRectSupport', 'u8'],
      ['suppressOutputSupport', 'u8']],
  },
  Bitmap: {
    type: CapabilityType.Bitmap, bytes: 28,
    defaults: { preferredBitsPerPixel: 32, receive1BitPerPixel: 1, receive4BitPerPixel: 1,
      receive8BitPerPixel: 1, desktopWidth: 0, desktopHeight: 0, desktopResizeFlag: 0,
      bitmapCompressionFlag: 0, highColorFlags: 0, drawingFlags: 0,
      multipleRectangleSupport: 1 },
    fields: [['preferredBitsPerPixel', 'u16'], ['receive1BitPerPixel', 'u16'],
      ['receive4BitPerPixel', 'u16'], ['receive8BitPerPixel', 'u16'], ['desktopWidth', 'u16'],
      ['desktopHeight', 'u16'], [null, 'pad', 2, 'bitmap capability pad'],
      ['desktopResizeFlag', 'u16'], ['bitmapCompressionFlag', 'u16'], ['highColorFlags', 'u8'],
      ['drawingFlags', 'u8'], ['multipleRectangleSupport', 'u16'],
      [null, 'pad', 2, 'bitmap capability pad']],
  },
  Order: {
    type: CapabilityType.Order, bytes: 88,
    defaults: { terminalDescriptor: () => new Uint8Array(16), desktopSaveXGranularity: 1,
      desktopSaveYGranularity: 20, maximumOrderLevel: 1, numberFonts: 0, orderFlags: 0,
      orderSupport: () => new Uint8Array(32), textFlags: 0, orderSupportExFlags: 0,
      desktopSaveSize: 230400, textAnsiCodePage: 0 },
    fields: [['terminalDescriptor', 'array', 16], [null, 'pad', 4, 'order capability pad'],
      ['desktopSaveXGranularity', 'u16'], ['desktopSaveYGranularity', 'u16'],
      [null, 'pad', 2, 'order capability pad'], ['maximumOrderLevel', 'u16'],
      ['numberFonts', 'u16'], ['orderFlags', 'u16'], ['orderSupport', 'array', 32],
      ['textFlags', 'u16'], ['orderSupportExFlags', 'u16'],
      [null, 'pad', 4, 'order capability pad'], ['desktopSaveSize', 'u32'],
      [null, 'pad', 4, 'order capability pad'], ['textAnsiCodePage', 'u16'],
      [null, 'pad', 2, 'order capability pad']],
  },
  Control: {
    type: CapabilityType.Control, bytes: 12,
    defaults: { controlFlags: 0, remoteDetachFlag: 0, controlInterest: ControlPriority.Never,
      detachInterest: ControlPriority.Never },
    fields: [['controlFlags', 'u16'], ['remoteDetachFlag', 'u16'], ['controlInterest', 'u16'],
      ['detachInterest', 'u16']],
  },
  Pointer: {
    type: CapabilityType.Pointer, bytes: 10,
    defaults: { colorPointerFlag: 1, colorPointerCacheSize: 25, pointerCacheSize: 25 },
    fields: [['colorPointerFlag', 'u16'], ['colorPointerCacheSize', 'u16'],
      ['pointerCacheSize', 'u16']],
  },
  Share: {
    type: CapabilityType.Share, bytes: 8,
    defaults: { nodeId: 0 },
    fields: [['nodeId', 'u16'], [null, 'pad', 2, 'share capability pad']],
  },
  Input: {
    type: CapabilityType.Input, bytes: 88,
    defaults: { inputFlags: InputCapabilityFlags.Scancodes | InputCapabilityFlags.MouseX |
      InputCapabilityFlags.Unicode, keyboardLayout: 0, keyboardType: 0,
      keyboardSubType: 0, keyboardFunctionKey: 0, imeFileName: () => new Uint8Array(64) },
    fields: [['inputFlags', 'u16'], [null, 'pad', 2, 'input capability pad'],
      ['keyboardLayout', 'u32'], ['keyboardType', 'u32'], ['keyboardSubType', 'u32'],
      ['keyboardFunctionKey', 'u32'], ['imeFileName', 'array', 64]],
  },
};

const kKindOfType = new Map(Object.entries(kLayouts).map(([kind, layout]) => [layout.type, kind]));

/** A set of kind with C++'s default member values ('Codec': no codecs). */
export function defaultCapability(kind) {
  if (kind === 'Codec')
    return { kind, codecs: [] };
  if (kind === 'Unknown')
    return { kind, type: 0, data: new Uint8Array(0) };
  const set = { kind };
  for (const [name, value] of Object.entries(kLayouts[kind].defaults))
    set[name] = typeof value === 'function' ? value() : value;
  return set;
}

/** The first set of kind in sets, or undefined. */
export function findCapability(sets, kind) {
  return sets.find((set) => set.kind === kind);
}

function readFields(r, layout, set) {
  for (const [name, how, size, what] of layout.fields) {
    if (how === 'pad')
      r.zeros(size, what);
    else if (how === 'array')
      set[name] = r.bytes(size);
    else
      set[name] = r[how]();
  }
}

function writeFields(w, layout, set) {
  for (const [name, how, size] of layout.fields) {
    if (how === 'pad') {
      w.zeros(size);
    } else if (how === 'array') {
      const bytes = set[name];
      if (!(bytes instanceof Uint8Array) || bytes.length !== size)
        w.fail(ErrorCode.BadValue, name);
      w.bytes(bytes);
    } else {
      w[how](set[name]);
    }
  }
}

function readCodecs(r) {
  const kMinEntryBytes = 16 + 1 + 2;
  const count = r.count(r.u8(), kMaxCodecs, kMinEntryBytes, 'codec count');
  const codecs = [];
  for (let i = 0; i < count; ++i) {
    const guid = r.bytes(16);
    const codecId = r.u8();
    const length = r.u16();
    if (length > kMaxCodecPropertiesBytes)
      refuse(ErrorCode.TooLarge, r.offset, 'codec properties length');
    codecs.push({ guid, codecId, properties: r.bytes(length) });
  }
  return { kind: 'Codec', codecs };
}

function writeCodecs(w, set) {
  w.count8(set.codecs.length, kMaxCodecs, 'codec count');
  for (const entry of set.codecs) {
    if (entry.guid.length !== 16)
      w.fail(ErrorCode.BadValue, 'codec guid');
    w.bytes(entry.guid);
    w.u8(entry.codecId);
    w.count16(entry.properties.length, kMaxCodecPropertiesBytes, 'codec properties length');
    w.bytes(entry.properties);
  }
}

/** Reads one set with its header; refuses a known set whose length is wrong. */
export function readCapabilitySet(r) {
  const type = r.u16();
  const length = r.u16();
  if (length < kHeaderBytes)
    refuse(ErrorCode.LengthMismatch, r.offset - 2, 'capability set length');
  const kind = kKindOfType.get(type);
  if (kind) {
    const layout = kLayouts[kind];
    if (length !== layout.bytes)
      refuse(ErrorCode.LengthMismatch, r.offset - 2, 'capability set length');
    const set = { kind };
    r.within(length - kHeaderBytes, 'capability set', (inner) => readFields(inner, layout, set));
    return set;
  }
  if (type === CapabilityType.BatonCodecs)
    return r.within(length - kHeaderBytes, 'codec capability set', readCodecs);
  if (length > kMaxUnknownCapabilityBytes)
    refuse(ErrorCode.TooLarge, r.offset - 2, 'capability set length');
  return { kind: 'Unknown', type, data: r.bytes(length - kHeaderBytes) };
}

/** Writes one set with its header (lengthCapability filled in). */
export function writeCapabilitySet(w, set) {
  const start = w.size;
  if (set.kind === 'Unknown') {
    if (kKindOfType.has(set.type) || set.type === CapabilityType.BatonCodecs)
      w.fail(ErrorCode.BadValue, 'unknown capability with a known type');
    if (set.data.length > kMaxUnknownCapabilityBytes - kHeaderBytes)
      w.fail(ErrorCode.TooLarge, 'capability set length');
    w.u16(set.type);
    w.placeholder16();
    w.bytes(set.data);
  } else if (set.kind === 'Codec') {
    w.u16(CapabilityType.BatonCodecs);
    w.placeholder16();
    writeCodecs(w, set);
  } else {
    const layout = kLayouts[set.kind];
    if (!layout)
      w.fail(ErrorCode.BadValue, 'capability set kind');
    w.u16(layout.type);
    w.placeholder16();
    writeFields(w, layout, set);
  }
  const length = w.size - start;
  if (length > 0xFFFF)
    w.fail(ErrorCode.TooLarge, 'capability set length');
  w.patch16(start + 2, length);
}
