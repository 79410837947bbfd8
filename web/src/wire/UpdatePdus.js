// T.128 update PDUs (pduType2 0x02, docs/protocol.md §8.1), a port of
// core/protocol/UpdatePdus: body = updateType(2) | ... Baton writes every primary order
// self-contained (controlFlags 0x09, every field flag set, absolute int16 coordinates,
// no bounds); a decoder refuses delta coordinates, bounds and omitted fields.

import { ErrorCode, refuse } from './ProtocolError.js';
import { PduType2 } from './PduTypes.js';

export const UpdateType = Object.freeze({ Orders: 0, Bitmap: 1, Palette: 2, Synchronize: 3 });
export const kMaxOrders = 1024;
export const kMaxBitmapRectangles = 256;
export const BitmapFlags = Object.freeze({ Compressed: 0x0001, NoCompressionHeader: 0x0400 });

const kOrderControlFlags = 0x01 | 0x08; // STANDARD | TYPE_CHANGE
const kSevenFields = 0x7F;
const kNineFields = 0x01FF;

const OrderType = { ScrBlt: 0x02, OpaqueRect: 0x0A, MemBlt: 0x0D };

function readExtent(r, order) {
  const at = r.offset;
  order.width = r.i16();
  order.height = r.i16();
  if (order.width < 1 || order.height < 1)
    refuse(ErrorCode.BadValue, at, 'order width/height');
}

function expectAllFields(r, fieldFlags, expected) {
  if (fieldFlags !== expected)
    refuse(ErrorCode.Unsupported, r.offset, 'order field flags (omitted fields)');
}

function readOrder(r) {
  const at = r.offset;
  if (r.u8() !== kOrderControlFlags)
    refuse(ErrorCode.Unsupported, at, 'order controlFlags');
  const orderType = r.u8();
  switch (orderType) {
  case OrderType.ScrBlt: {
    expectAllFields(r, r.u8(), kSevenFields);
    const o = { kind: 'ScrBlt', left: r.i16(), top: r.i16() };
    readExtent(r, o);
    o.rop = r.u8();
    o.xSrc = r.i16();
    o.ySrc = r.i16();
    return o;
  }
  case OrderType.OpaqueRect: {
    expectAllFields(r, r.u8(), kSevenFields);
    const o = { kind: 'OpaqueRect', left: r.i16(), top: r.i16() };
    readExtent(r, o);
    o.red = r.u8();
    o.green = r.u8();
    o.blue = r.u8();
    return o;
  }
  case OrderType.MemBlt: {
    expectAllFields(r, r.u16(), kNineFields);
    const o = { kind: 'MemBlt', cacheId: r.u8(), colorTableIndex: r.u8(), left: r.i16(),
      top: r.i16() };
    readExtent(r, o);
    o.rop = r.u8();
    o.xSrc = r.i16();
    o.ySrc = r.i16();
    o.cacheIndex = r.u16();
    return o;
  }
  default:
    return refuse(ErrorCode.UnknownType, at + 1, 'orderType');
  }
}

function writeOrder(w, o) {
  if (!(o.kind in OrderType))
    w.fail(ErrorCode.BadValue, 'order kind');
  if (o.width < 1 || o.height < 1)
    w.fail(ErrorCode.BadValue, 'order width/height');
  w.u8(kOrderControlFlags);
  w.u8(OrderType[o.kind]);
  if (o.kind === 'MemBlt') {
    w.u16(kNineFields);
    w.u8(o.cacheId);
    w.u8(o.colorTableIndex);
  } else {
    w.u8(kSevenFields);
  }
  w.i16(o.left);
  w.i16(o.top);
  w.i16(o.width);
  w.i16(o.height);
  if (o.kind === 'OpaqueRect') {
    w.u8(o.red);
    w.u8(o.green);
    w.u8(o.blue);
    return;
  }
  w.u8(o.rop);
  w.i16(o.xSrc);
  w.i16(o.ySrc);
  if (o.kind === 'MemBlt')
    w.u16(o.cacheIndex);
}

export const OrdersUpdate = {
  type2: PduType2.Update,
  updateType: UpdateType.Orders,
  read(r) {
    r.u16(); // updateType, checked by the PDU decoder
    r.zeros(2, 'orders pad');
    const kMinOrderBytes = 3 + 11; // OpaqueRect, the shortest
    const count = r.count(r.u16(), kMaxOrders, kMinOrderBytes, 'numberOrders');
    r.zeros(2, 'orders pad');
    const orders = [];
    for (let i = 0; i < count; ++i)
      orders.push(readOrder(r));
    return { type: 'OrdersUpdate', orders };
  },
  write(w, pdu) {
    w.u16(UpdateType.Orders);
    w.zeros(2);
    w.count16(pdu.orders.length, kMaxOrders, 'numberOrders');
    w.zeros(2);
    for (const order of pdu.orders)
      writeOrder(w, order);
  },
};

function bytesPerPixel(bitsPerPixel) {
  switch (bitsPerPixel) {
  case 8: return 1;
  case 15: case 16: return 2;
  case 24: return 3;
  case 32: return 4;
  default: return 0;
  }
}

/** Bytes of raw bitmap data for a rectangle (rows padded to 4 bytes); 0 for an unknown bpp. */
export function rawBitmapBytes(width, height, bitsPerPixel) {
  return ((width * bytesPerPixel(bitsPerPixel) + 3) & ~3) * height;
}

function validRectangle(rect) {
  const compressed = rect.flags === (BitmapFlags.Compressed | BitmapFlags.NoCompressionHeader);
  return bytesPerPixel(rect.bitsPerPixel) !== 0 && (rect.flags === 0 || compressed) &&
    rect.width >= 1 && rect.height >= 1 && rect.destRight >= rect.destLeft &&
    rect.destBottom >= rect.destTop && rect.destRight - rect.destLeft < rect.width &&
    rect.destBottom - rect.destTop < rect.height &&
    (compressed || rect.data.length === rawBitmapBytes(rect.width, rect.height,
      rect.bitsPerPixel));
}

export const BitmapUpdate = {
  type2: PduType2.Update,
  updateType: UpdateType.Bitmap,
  read(r) {
    r.u16(); // updateType, checked by the PDU decoder
    const kMinRectangleBytes = 18;
    const count = r.count(r.u16(), kMaxBitmapRectangles, kMinRectangleBytes,
      'numberRectangles');
    const rectangles = [];
    for (let i = 0; i < count; ++i) {
      const at = r.offset;
      const rect = { destLeft: r.u16(), destTop: r.u16(), destRight: r.u16(),
        destBottom: r.u16(), width: r.u16(), height: r.u16(), bitsPerPixel: r.u16(),
        flags: r.u16() };
      rect.data = r.bytes(r.u16());
      if (!validRectangle(rect))
        refuse(ErrorCode.BadValue, at, 'bitmap rectangle');
      rectangles.push(rect);
    }
    return { type: 'BitmapUpdate', rectangles };
  },
  write(w, pdu) {
    w.u16(UpdateType.Bitmap);
    w.count16(pdu.rectangles.length, kMaxBitmapRectangles, 'numberRectangles');
    for (const rect of pdu.rectangles) {
      if (!validRectangle(rect))
        w.fail(ErrorCode.BadValue, 'bitmap rectangle');
      for (const field of ['destLeft', 'destTop', 'destRight', 'destBottom', 'width', 'height',
        'bitsPerPixel', 'flags'])
        w.u16(rect[field]);
      w.count16(rect.data.length, 0xFFFF, 'bitmapLength');
      w.bytes(rect.data);
    }
  },
};

export const UpdateSynchronize = {
  type2: PduType2.Update,
  updateType: UpdateType.Synchronize,
  read(r) {
    r.u16(); // updateType, checked by the PDU decoder
    r.zeros(2, 'update synchronize pad');
    return { type: 'UpdateSynchronize' };
  },
  write(w) {
    w.u16(UpdateType.Synchronize);
    w.zeros(2);
  },
};
