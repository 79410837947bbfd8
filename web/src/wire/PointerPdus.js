// T.128 pointer PDUs (pduType2 0x1B, docs/protocol.md §9), a port of
// core/protocol/PointerPdus: messageType(2) | pad2(2) | body.

import { ErrorCode, refuse } from './ProtocolError.js';
import { PduType2 } from './PduTypes.js';

export const PointerMessageType = Object.freeze({
  System: 1, Position: 3, Color: 6, Cached: 7, New: 8,
});
export const SystemPointer = Object.freeze({ Hidden: 0, Default: 0x7F00 });
export const kMaxPointerSidePx = 384; // PointerNew
export const kMaxColorPointerSidePx = 96; // PointerColor, 24 bpp

function evenRowBytes(bits) {
  return (Math.ceil(bits / 8) + 1) & ~1;
}

function validXorBpp(bpp) {
  return [1, 4, 8, 16, 24, 32].includes(bpp);
}

/** Bytes of the XOR mask (bottom-up, rows padded to 2 bytes); 0 for a bpp not allowed. */
export function pointerXorMaskBytes(width, height, xorBpp) {
  return validXorBpp(xorBpp) ? evenRowBytes(width * xorBpp) * height : 0;
}

/** Bytes of the 1-bpp AND mask. */
export function pointerAndMaskBytes(width, height) {
  return evenRowBytes(width) * height;
}

function validAttribute(a, xorBpp, maxSidePx) {
  return a.width >= 1 && a.height >= 1 && a.width <= maxSidePx && a.height <= maxSidePx &&
    a.hotSpotX < a.width && a.hotSpotY < a.height &&
    a.xorMask.length === pointerXorMaskBytes(a.width, a.height, xorBpp) &&
    a.andMask.length === pointerAndMaskBytes(a.width, a.height);
}

function readHeader(r) {
  r.u16(); // messageType, checked by the PDU decoder
  r.zeros(2, 'pointer pad');
}

function writeHeader(w, messageType) {
  w.u16(messageType);
  w.zeros(2);
}

function readAttribute(r, xorBpp, maxSidePx) {
  const at = r.offset;
  const a = { cacheIndex: r.u16(), hotSpotX: r.u16(), hotSpotY: r.u16(), width: r.u16(),
    height: r.u16() };
  const andLength = r.u16();
  const xorLength = r.u16();
  a.xorMask = r.bytes(xorLength);
  a.andMask = r.bytes(andLength);
  if (!validAttribute(a, xorBpp, maxSidePx))
    refuse(ErrorCode.BadValue, at, 'pointer shape');
  return a;
}

function writeAttribute(w, a, xorBpp, maxSidePx) {
  if (!validAttribute(a, xorBpp, maxSidePx))
    w.fail(ErrorCode.BadValue, 'pointer shape');
  w.u16(a.cacheIndex);
  w.u16(a.hotSpotX);
  w.u16(a.hotSpotY);
  w.u16(a.width);
  w.u16(a.height);
  w.count16(a.andMask.length, 0xFFFF, 'lengthAndMask');
  w.count16(a.xorMask.length, 0xFFFF, 'lengthXorMask');
  w.bytes(a.xorMask);
  w.bytes(a.andMask);
}

export const PointerSystem = {
  type2: PduType2.Pointer,
  messageType: PointerMessageType.System,
  read(r) {
    readHeader(r);
    const at = r.offset;
    const pointer = r.u32();
    if (pointer !== SystemPointer.Hidden && pointer !== SystemPointer.Default)
      refuse(ErrorCode.BadValue, at, 'system pointer type');
    return { type: 'PointerSystem', pointer };
  },
  write(w, pdu) {
    writeHeader(w, PointerMessageType.System);
    w.u32(pdu.pointer);
  },
};

export const PointerPosition = {
  type2: PduType2.Pointer,
  messageType: PointerMessageType.Position,
  read(r) {
    readHeader(r);
    return { type: 'PointerPosition', x: r.u16(), y: r.u16() };
  },
  write(w, pdu) {
    writeHeader(w, PointerMessageType.Position);
    w.u16(pdu.x);
    w.u16(pdu.y);
  },
};

export const PointerColor = {
  type2: PduType2.Pointer,
  messageType: PointerMessageType.Color,
  read(r) {
    readHeader(r);
    return { type: 'PointerColor', attribute: readAttribute(r, 24, kMaxColorPointerSidePx) };
  },
  write(w, pdu) {
    writeHeader(w, PointerMessageType.Color);
    writeAttribute(w, pdu.attribute, 24, kMaxColorPointerSidePx);
  },
};

export const PointerNew = {
  type2: PduType2.Pointer,
  messageType: PointerMessageType.New,
  read(r) {
    readHeader(r);
    const at = r.offset;
    const xorBpp = r.u16();
    if (!validXorBpp(xorBpp))
      refuse(ErrorCode.BadValue, at, 'xorBpp');
    return { type: 'PointerNew', xorBpp,
      attribute: readAttribute(r, xorBpp, kMaxPointerSidePx) };
  },
  write(w, pdu) {
    writeHeader(w, PointerMessageType.New);
    if (!validXorBpp(pdu.xorBpp))
      w.fail(ErrorCode.BadValue, 'xorBpp');
    w.u16(pdu.xorBpp);
    writeAttribute(w, pdu.attribute, pdu.xorBpp, kMaxPointerSidePx);
  },
};

export const PointerCached = {
  type2: PduType2.Pointer,
  messageType: PointerMessageType.Cached,
  read(r) {
    readHeader(r);
    return { type: 'PointerCached', cacheIndex: r.u16() };
  },
  write(w, pdu) {
    writeHeader(w, PointerMessageType.Cached);
    w.u16(pdu.cacheIndex);
  },
};
