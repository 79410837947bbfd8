// T.128 input PDU (pduType2 0x1C, docs/protocol.md §10), a port of core/protocol/InputPdus:
// numberEvents(2) | pad2(2) | events, each eventTime(4) | messageType(2) | 6 bytes.
// Coordinates are in the shared picture's pixels.

import { ErrorCode, refuse } from './ProtocolError.js';
import { PduType2 } from './PduTypes.js';

export const KeyboardFlags = Object.freeze({
  Right: 0x0001,
  Extended: 0x0100,
  Extended1: 0x0200,
  Quiet: 0x1000,
  Down: 0x4000, // the key was already down (repeat)
  Release: 0x8000,
  All: 0x0001 | 0x0100 | 0x0200 | 0x1000 | 0x4000 | 0x8000,
});
export const MouseFlags = Object.freeze({
  Move: 0x0800,
  Button1: 0x1000, // left
  Button2: 0x2000, // right
  Button3: 0x4000, // middle
  Down: 0x8000,
  All: 0x0800 | 0x1000 | 0x2000 | 0x4000 | 0x8000,
});
export const ExtendedMouseFlags = Object.freeze({
  Button1: 0x0001, // "back"
  Button2: 0x0002, // "forward"
  Down: 0x8000,
  All: 0x0001 | 0x0002 | 0x8000,
});
/** A mouse event with WHEEL or HWHEEL and a 9-bit two's complement rotation (120 a notch). */
export const WheelFlags = Object.freeze({
  Wheel: 0x0200, HorizontalWheel: 0x0400, MinDelta: -256, MaxDelta: 255,
});
export const InputMessageType = Object.freeze({
  Scancode: 0x0004, Unicode: 0x0005, Mouse: 0x8001, ExtendedMouse: 0x8002,
});
export const kInputEventBytes = 12;
export const kMaxInputEvents = 256;

function readKeyboardFlags(r) {
  const at = r.offset;
  const flags = r.u16();
  if ((flags & ~KeyboardFlags.All) !== 0)
    refuse(ErrorCode.BadValue, at, 'keyboard flags');
  return flags;
}

function readMouse(r) {
  const flagsAt = r.offset;
  const flags = r.u16();
  const x = r.u16();
  const y = r.u16();
  const axis = flags & (WheelFlags.Wheel | WheelFlags.HorizontalWheel);
  if (axis === 0) {
    if ((flags & ~MouseFlags.All) !== 0)
      refuse(ErrorCode.BadValue, flagsAt, 'pointer flags');
    return { kind: 'Mouse', flags, x, y };
  }
  // A wheel event carries nothing but its axis and rotation.
  if (axis === (WheelFlags.Wheel | WheelFlags.HorizontalWheel) || (flags & ~(axis | 0x01FF)) !== 0)
    refuse(ErrorCode.BadValue, flagsAt, 'wheel flags');
  const delta = (flags & 0x0100) ? (flags & 0x01FF) - 0x200 : flags & 0x00FF;
  return { kind: 'Wheel', horizontal: axis === WheelFlags.HorizontalWheel, delta, x, y };
}

function readEvent(r) {
  const eventTimeMs = r.u32();
  const typeAt = r.offset;
  const messageType = r.u16();
  let event;
  switch (messageType) {
  case InputMessageType.Scancode: {
    event = { kind: 'Scancode', flags: readKeyboardFlags(r), keyCode: r.u16() };
    r.zeros(2, 'scancode event pad');
    break;
  }
  case InputMessageType.Unicode: {
    event = { kind: 'Unicode', flags: readKeyboardFlags(r), codeUnit: r.u16() };
    r.zeros(2, 'unicode event pad');
    break;
  }
  case InputMessageType.Mouse:
    event = readMouse(r);
    break;
  case InputMessageType.ExtendedMouse: {
    const flagsAt = r.offset;
    const flags = r.u16();
    if ((flags & ~ExtendedMouseFlags.All) !== 0)
      refuse(ErrorCode.BadValue, flagsAt, 'extended pointer flags');
    event = { kind: 'ExtendedMouse', flags, x: r.u16(), y: r.u16() };
    break;
  }
  default:
    refuse(ErrorCode.UnknownType, typeAt, 'input messageType');
  }
  return { eventTimeMs, event };
}

function checkFlags(w, flags, allowed, what) {
  if ((flags & ~allowed) !== 0)
    w.fail(ErrorCode.BadValue, what);
}

function writeEvent(w, e) {
  switch (e.kind) {
  case 'Scancode':
  case 'Unicode':
    checkFlags(w, e.flags, KeyboardFlags.All, 'keyboard flags');
    w.u16(InputMessageType[e.kind]);
    w.u16(e.flags);
    w.u16(e.kind === 'Scancode' ? e.keyCode : e.codeUnit);
    w.zeros(2);
    return;
  case 'Mouse':
  case 'ExtendedMouse':
    checkFlags(w, e.flags, e.kind === 'Mouse' ? MouseFlags.All : ExtendedMouseFlags.All,
      e.kind === 'Mouse' ? 'pointer flags' : 'extended pointer flags');
    w.u16(InputMessageType[e.kind]);
    w.u16(e.flags);
    w.u16(e.x);
    w.u16(e.y);
    return;
  case 'Wheel': {
    if (!Number.isInteger(e.delta) || e.delta < WheelFlags.MinDelta ||
      e.delta > WheelFlags.MaxDelta)
      w.fail(ErrorCode.BadValue, 'wheel rotation');
    const axis = e.horizontal ? WheelFlags.HorizontalWheel : WheelFlags.Wheel;
    w.u16(InputMessageType.Mouse);
    w.u16(axis | (e.delta & 0x01FF));
    w.u16(e.x);
    w.u16(e.y);
    return;
  }
  default:
    w.fail(ErrorCode.BadValue, 'input event kind');
  }
}

export const Input = {
  type2: PduType2.Input,
  read(r) {
    const count = r.count(r.u16(), kMaxInputEvents, kInputEventBytes, 'numberEvents');
    r.zeros(2, 'input pad');
    const events = [];
    for (let i = 0; i < count; ++i)
      events.push(readEvent(r));
    return { type: 'Input', events };
  },
  write(w, pdu) {
    w.count16(pdu.events.length, kMaxInputEvents, 'numberEvents');
    w.zeros(2);
    for (const { eventTimeMs, event } of pdu.events) {
      w.u32(eventTimeMs);
      writeEvent(w, event);
    }
  },
};
