// The wire modules' refusals and limits (docs/protocol.md §2, §8.6, §15), each as the C++
// decoder refuses it: the error's kind and offset, and that it is a ProtocolError with
// reason ProtocolError (5) for what a peer sent, InternalError (15) for what we could not
// encode.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import * as wire from '../src/wire/index.js';

const { ErrorCode, ProtocolError, SendDataKind } = wire;

function refusal(code, offset, what) {
  return (error) => {
    assert.ok(error instanceof ProtocolError, `${error}`);
    assert.equal(error.reason, wire.CloseReason.ProtocolError);
    assert.equal(error.code, code, error.message);
    if (offset !== undefined)
      assert.equal(error.offset, offset, error.message);
    if (what !== undefined)
      assert.equal(error.what, what, error.message);
    return true;
  };
}

function ourMistake(error) {
  assert.ok(error instanceof ProtocolError, `${error}`);
  assert.equal(error.reason, wire.CloseReason.InternalError);
  return true;
}

const hostContext = { source: wire.kHostUserId, shareId: 0x103EA, stream: wire.StreamId.Low };
const pointerPdu = { context: { ...hostContext, stream: wire.StreamId.Medium },
  body: { type: 'PointerPosition', x: 1, y: 2 } };
const hostFrame = (pdu = pointerPdu) =>
  wire.encodePduFrame(SendDataKind.Indication, wire.kBroadcastChannelId, pdu);

function fastPathFrame(body) {
  const { pduType2, bytes } = wire.encodeDataBody(body);
  return wire.encodeFastPathFrame(Uint8Array.of(pduType2, ...bytes));
}

describe('FrameStream', () => {
  test('an oversized TPKT length is refused as soon as its header arrives', () => {
    const stream = new wire.FrameStream();
    stream.push(Uint8Array.of(0x03, 0x00, 0x40, 0x0F)); // 16,399
    assert.throws(() => stream.next(), refusal(ErrorCode.TooLarge, 2, 'TPKT length'));
  });

  test('a TPKT length below a frame\'s minimum is refused', () => {
    const stream = new wire.FrameStream();
    stream.push(Uint8Array.of(0x03, 0x00, 0x00, 0x0D));
    assert.throws(() => stream.next(), refusal(ErrorCode.LengthMismatch, 2));
  });

  test('the largest frame is taken, its length checked before its bytes arrive', () => {
    const body = { type: 'TileUpdate', frameId: 1, surfaceId: 0, tiles: [{ x: 0, y: 0,
      width: 64, height: 64, codecId: 1, flags: 0, cacheIndex: 0,
      data: new Uint8Array(wire.kMaxUserDataBytes - 18 - 8 - 16) }] };
    const frame = hostFrame({ context: hostContext, body });
    assert.equal(frame.length, wire.kMaxFrameBytes);
    const stream = new wire.FrameStream();
    stream.push(frame.subarray(0, 100));
    assert.equal(stream.next(), null);
    stream.push(frame.subarray(100));
    assert.equal(stream.next().payload.length, wire.kMaxUserDataBytes);
  });

  test('fast-path lengths: range and shortest form', () => {
    const tooLong = new wire.FrameStream();
    tooLong.push(Uint8Array.of(0x00, 0xC0, 0x0F)); // 16,399
    assert.throws(() => tooLong.next(), refusal(ErrorCode.TooLarge, 1));
    const tooShort = new wire.FrameStream();
    tooShort.push(Uint8Array.of(0x00, 0x02));
    assert.throws(() => tooShort.next(), refusal(ErrorCode.LengthMismatch, 1));
    const longForm = new wire.FrameStream();
    longForm.push(Uint8Array.of(0x00, 0x80, 0x05, 0x02, 0x03));
    assert.throws(() => longForm.next(),
      refusal(ErrorCode.BadValue, 1, 'fast-path length not in its shortest form'));
  });

  test('a host never takes fast-path frames', () => {
    const stream = new wire.FrameStream({ acceptFastPath: false });
    stream.push(fastPathFrame({ type: 'FrameMarker', action: 0, frameId: 1 }));
    assert.throws(() => stream.next(), refusal(ErrorCode.UnknownType, 0, 'TPKT header'));
  });

  test('at most 1 MiB waits undecoded', () => {
    const frame = hostFrame();
    const stream = new wire.FrameStream();
    const whole = Math.floor(wire.kMaxPendingBytes / frame.length);
    const chunk = new Uint8Array(wire.kMaxPendingBytes);
    for (let i = 0; i < whole; ++i)
      chunk.set(frame, i * frame.length);
    const rest = wire.kMaxPendingBytes - whole * frame.length;
    chunk.set(frame.subarray(0, rest), whole * frame.length);
    stream.push(chunk);
    assert.equal(stream.pendingBytes, wire.kMaxPendingBytes);
    assert.throws(() => stream.push(Uint8Array.of(0)),
      refusal(ErrorCode.TooLarge, wire.kMaxPendingBytes, 'undecoded bytes'));
  });

  test('after an error every call throws it again; offsets count from the first byte', () => {
    const frame = hostFrame();
    const stream = new wire.FrameStream();
    stream.push(frame);
    assert.notEqual(stream.next(), null);
    stream.push(Uint8Array.of(0x04, 0x00, 0x00, 0x20));
    let first;
    assert.throws(() => stream.next(), (error) => {
      first = error;
      return refusal(ErrorCode.UnknownType, frame.length, 'TPKT header')(error);
    });
    assert.throws(() => stream.next(), (error) => error === first);
    assert.throws(() => stream.push(frame), (error) => error === first);
  });

  test('frames split anywhere and merged come out the same', () => {
    const frames = [hostFrame(), fastPathFrame({ type: 'FrameMarker', action: 1, frameId: 9 })];
    const bytes = Uint8Array.from([...frames[0], ...frames[1], ...frames[0]]);
    for (let cut = 0; cut <= bytes.length; ++cut) {
      const stream = new wire.FrameStream();
      const out = [];
      for (const piece of [bytes.subarray(0, cut), bytes.subarray(cut)]) {
        stream.push(piece);
        for (let f; (f = stream.next()) !== null;)
          out.push(f.header.kind);
      }
      assert.deepEqual(out, [SendDataKind.Indication, SendDataKind.FastPath,
        SendDataKind.Indication]);
      assert.equal(stream.idle, true);
    }
  });
});

describe('decodeFrame', () => {
  const frame = () => Uint8Array.from(hostFrame());
  const cases = [
    ['MCS segmentation', (f) => { f[12] = 0x40; }, ErrorCode.Unsupported, 12],
    ['MCS padding bits', (f) => { f[12] = 0x71; }, ErrorCode.BadValue, 12],
    ['MCS PDU (not Send-Data)', (f) => { f[7] = 0x60; }, ErrorCode.UnknownType, 7],
    ['X.224 data TPDU', (f) => { f[5] = 0xF1; }, ErrorCode.UnknownType, 5],
    ['MCS initiator', (f) => { f[8] = 0xFF; f[9] = 0xFF; }, ErrorCode.BadValue, 8],
    ['MCS userData length', (f) => { f[13] += 1; }, ErrorCode.LengthMismatch, 13],
    ['PER fragmented length', (f) => { f[13] = 0xC0; }, ErrorCode.Unsupported, 13],
  ];
  for (const [what, change, code, offset] of cases) {
    test(`refuses a bad ${what}`, () => {
      const f = frame();
      change(f);
      assert.throws(() => wire.decodeFrame(f), refusal(code, offset, what));
    });
  }

  test('refuses a PER length not in its shortest form', () => {
    const aspdu = wire.encodePdu(pointerPdu);
    const f = Uint8Array.from([0x03, 0x00, 0x00, 15 + aspdu.length, 0x02, 0xF0, 0x80, 0x68,
      0x00, 0x01, 0x03, 0xEB, 0x70, 0x80, aspdu.length, ...aspdu]);
    assert.throws(() => wire.decodeFrame(f), refusal(ErrorCode.BadValue, 13));
  });
});

describe('PduDecoder', () => {
  test('pduSource must be the MCS initiator', () => {
    const frame = wire.decodeFrame(wire.encodeFrame({ kind: SendDataKind.Indication,
      initiator: 1005, channelId: 1003 }, wire.encodePdu(pointerPdu)));
    assert.throws(() => new wire.PduDecoder().decodeFrame(frame),
      refusal(ErrorCode.BadValue, 4, 'pduSource differs from MCS initiator'));
  });

  const aspdu = () => Uint8Array.from(wire.encodePdu(pointerPdu));
  const cases = [
    ['T.128 FlowPDU', (a) => { a[0] = 0x00; a[1] = 0x80; }, ErrorCode.Unsupported],
    ['share control PDU version', (a) => { a[2] = 0x27; }, ErrorCode.UnknownType],
    ['share control pduType', (a) => { a[2] = 0x12; }, ErrorCode.Unsupported],
    ['streamId', (a) => { a[11] = 3; }, ErrorCode.BadValue],
    ['bulk compression', (a) => { a[15] = 0x20; }, ErrorCode.Unsupported],
    ['uncompressedLength', (a) => { a[12] += 1; }, ErrorCode.LengthMismatch],
    ['pduType2', (a) => { a[14] = 0xBF; }, ErrorCode.UnknownType],
    ['pointer messageType', (a) => { a[18] = 2; }, ErrorCode.UnknownType],
    ['pointer pad', (a) => { a[20] = 1; }, ErrorCode.BadValue],
  ];
  for (const [what, change, code] of cases) {
    test(`refuses a bad ${what}`, () => {
      const a = aspdu();
      change(a);
      assert.throws(() => wire.decodePdu(a), refusal(code, undefined, what));
    });
  }

  test('refuses bytes after the body and a share control totalLength that disagrees', () => {
    const a = aspdu();
    const longer = Uint8Array.from([...a, 0]);
    longer[0] += 1;
    longer[12] += 1;
    assert.throws(() => wire.decodePdu(longer), refusal(ErrorCode.LengthMismatch, undefined,
      'bytes after the PDU body'));
    assert.throws(() => wire.decodePdu(a.subarray(0, a.length - 1)),
      refusal(ErrorCode.LengthMismatch, 0, 'share control totalLength'));
  });

  test('the fast path carries updates only', () => {
    const decoder = new wire.PduDecoder();
    const stream = new wire.FrameStream();
    const { bytes } = wire.encodeDataBody({ type: 'Goodbye', reason: 1, message: '' });
    stream.push(wire.encodeFastPathFrame(Uint8Array.of(wire.PduType2.Goodbye, ...bytes)));
    assert.throws(() => decoder.decodeFrame(stream.next()), refusal(ErrorCode.Unsupported, 0));
    const fragment = { type: 'Fragment', payloadId: 1, index: 0, count: 2,
      innerPduType2: wire.PduType2.Welcome, totalLength: 20, chunk: new Uint8Array(10) };
    const second = new wire.FrameStream();
    second.push(fastPathFrame(fragment));
    assert.throws(() => decoder.decodeFrame(second.next()), refusal(ErrorCode.Unsupported, 0));
  });

  test('fast-path errors count from the frame payload', () => {
    const { bytes } = wire.encodeDataBody({ type: 'FrameMarker', action: 0, frameId: 1 });
    bytes[0] = 7;
    const stream = new wire.FrameStream();
    stream.push(wire.encodeFastPathFrame(Uint8Array.of(wire.PduType2.FrameMarker, ...bytes)));
    assert.throws(() => new wire.PduDecoder().decodeFrame(stream.next()),
      refusal(ErrorCode.UnknownType, 1, 'frame marker action'));
  });
});

describe('Reassembler', () => {
  const fragment = (fields) => ({ type: 'Fragment', payloadId: 1, index: 0, count: 2,
    innerPduType2: wire.PduType2.TileUpdate, totalLength: 8, chunk: new Uint8Array(4),
    ...fields });

  test('puts a payload together and forgets it', () => {
    const r = new wire.Reassembler();
    assert.equal(r.add(1002, 7, fragment({ chunk: Uint8Array.of(1, 2, 3, 4) })), null);
    assert.equal(r.bufferedBytes, 4);
    const done = r.add(1002, 7, fragment({ index: 1, chunk: Uint8Array.of(5, 6, 7, 8) }));
    assert.deepEqual([...done.body], [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(done.pduType2, wire.PduType2.TileUpdate);
    assert.equal(r.bufferedBytes, 0);
    assert.equal(r.payloadsInFlight, 0);
  });

  test('at most 4 payloads in flight', () => {
    const r = new wire.Reassembler();
    for (let id = 0; id < 4; ++id)
      r.add(1002, 7, fragment({ payloadId: id }));
    assert.throws(() => r.add(1002, 7, fragment({ payloadId: 4 })),
      refusal(ErrorCode.TooLarge, 0, 'fragmented payloads in flight'));
  });

  test('at most 16 MiB held, counted by the chunks that arrived', () => {
    const r = new wire.Reassembler();
    const chunk = new Uint8Array(wire.kMaxChunkBytes);
    const total = 8 * 1024 * 1024;
    let held = 0;
    let error;
    for (let id = 0; id < 3 && !error; ++id) {
      for (let index = 0; index < 512 && !error; ++index) {
        try {
          r.add(1002, 7, fragment({ payloadId: id, index, count: 514, totalLength: total, chunk }));
          held += chunk.length;
        } catch (e) {
          error = e;
        }
      }
    }
    assert.ok(refusal(ErrorCode.TooLarge, 0, 'reassembly memory')(error));
    assert.ok(held <= 16 * 1024 * 1024 && held + chunk.length > 16 * 1024 * 1024, `${held}`);
  });

  const misfits = [
    ['a payload id already in use', [fragment({}), fragment({})], ErrorCode.BadValue],
    ['a fragment of a payload never begun', [fragment({ index: 1 })], ErrorCode.BadValue],
    ['an index out of order', [fragment({}), fragment({ index: 2, count: 3 })],
      ErrorCode.BadValue],
    ['another innerPduType2', [fragment({}), fragment({ index: 1, innerPduType2: 0xAC })],
      ErrorCode.BadValue],
    ['chunks beyond totalLength', [fragment({}), fragment({ index: 1, chunk: new Uint8Array(5) })],
      ErrorCode.LengthMismatch],
    ['chunks short of totalLength',
      [fragment({}), fragment({ index: 1, chunk: new Uint8Array(3) })], ErrorCode.LengthMismatch],
  ];
  for (const [what, fragments, code] of misfits) {
    test(`refuses ${what}`, () => {
      const r = new wire.Reassembler();
      const last = fragments.pop();
      for (const f of fragments)
        r.add(1002, 7, f);
      assert.throws(() => r.add(1002, 7, last), refusal(code, 0));
    });
  }

  test('refuses a fragment of another share', () => {
    const r = new wire.Reassembler();
    r.add(1002, 7, fragment({}));
    assert.throws(() => r.add(1002, 8, fragment({ index: 1 })), refusal(ErrorCode.BadValue));
  });

  test('a Fragment PDU claiming more than 8 MiB is refused when decoded', () => {
    const { bytes } = wire.encodeDataBody(fragment({}));
    bytes.set([0x01, 0x00, 0x80, 0x00], 8); // totalLength 8 MiB + 1
    assert.throws(() => wire.decodeDataBody(wire.PduType2.Fragment, bytes),
      refusal(ErrorCode.TooLarge, 8, 'fragment totalLength'));
  });
});

describe('UTF-8', () => {
  const refused = [
    ['an overlong form', [0xC0, 0x80]],
    ['an overlong three-byte form', [0xE0, 0x80, 0xAF]],
    ['a surrogate', [0xED, 0xA0, 0x80]],
    ['a code point above U+10FFFF', [0xF4, 0x90, 0x80, 0x80]],
    ['NUL', [0x41, 0x00]],
    ['a truncated sequence', [0xE2, 0x82]],
    ['a lone continuation byte', [0x80]],
  ];
  for (const [what, bytes] of refused) {
    test(`refuses ${what}`, () => {
      assert.equal(wire.isValidUtf8(Uint8Array.from(bytes)), false);
      assert.throws(() => wire.decodeUtf8(Uint8Array.from(bytes), 3, 'name'),
        refusal(ErrorCode.BadValue, 3, 'name'));
    });
  }

  test('takes every valid form, a byte-order mark included', () => {
    const text = '\uFEFFa é € 𝄞 \u{10FFFF}';
    assert.equal(wire.decodeUtf8(wire.encodeUtf8(text)), text);
  });

  test('a string past the body is truncated, one longer than its field too large', () => {
    const name = new TextEncoder().encode('Zoë!');
    const fits = Uint8Array.of(0xEA, 0x03, 2, 0, name.length, 0, ...name);
    assert.equal(wire.decodeDataBody(wire.PduType2.RosterJoin, fits).name, 'Zoë!');
    const past = Uint8Array.of(0xEA, 0x03, 2, 0, name.length + 1, 0, ...name);
    assert.throws(() => wire.decodeDataBody(wire.PduType2.RosterJoin, past),
      refusal(ErrorCode.Truncated, 6));
    const long = Uint8Array.of(0xEA, 0x03, 2, 0, 129, 0, ...new Uint8Array(129).fill(0x41));
    assert.throws(() => wire.decodeDataBody(wire.PduType2.RosterJoin, long),
      refusal(ErrorCode.TooLarge, 6, 'roster name'));
  });

  test('truncateUtf8 cuts between characters', () => {
    assert.equal(wire.truncateUtf8('aé€', 4), 'aé');
    assert.equal(wire.truncateUtf8('aé€', 3), 'aé');
    assert.equal(wire.truncateUtf8('aé€', 2), 'a');
    assert.equal(wire.truncateUtf8('abc', 3), 'abc');
  });
});

describe('encoding what a viewer sends', () => {
  const ids = { userId: 1004, shareId: 0x103EA };

  test('a name, passcode or message too long for its field is our mistake', () => {
    const hello = (displayName) => wire.helloPdu({ sessionId: 's', displayName,
      software: 'Baton web' });
    assert.throws(() => wire.viewerFrame(hello('x'.repeat(129)), 1002), ourMistake);
    assert.throws(() => wire.viewerFrame(wire.goodbyePdu(2, 'é'.repeat(257), ids), 1002),
      ourMistake);
    assert.throws(() => wire.viewerFrame(hello('\uD800'), 1002), ourMistake);
    assert.doesNotThrow(() => wire.viewerFrame(hello('x'.repeat(128)), 1002));
  });

  test('more than 256 input events, or a flag the protocol lacks, is our mistake', () => {
    const event = { eventTimeMs: 1, event: { kind: 'Scancode', flags: 0, keyCode: 30 } };
    assert.doesNotThrow(() => wire.viewerFrame(wire.inputPdu(Array(256).fill(event), ids), 1002));
    assert.throws(() => wire.viewerFrame(wire.inputPdu(Array(257).fill(event), ids), 1002),
      ourMistake);
    const bad = { eventTimeMs: 1, event: { kind: 'Mouse', flags: 0x0001, x: 0, y: 0 } };
    assert.throws(() => wire.viewerFrame(wire.inputPdu([bad], ids), 1002), ourMistake);
    const wheel = { eventTimeMs: 1, event: { kind: 'Wheel', horizontal: false, delta: 256, x: 0,
      y: 0 } };
    assert.throws(() => wire.viewerFrame(wire.inputPdu([wheel], ids), 1002), ourMistake);
  });

  test('a number outside its field is our mistake, never written as another', () => {
    for (const frameId of [-1, 1.5, NaN, 2 ** 32, '7'])
      assert.throws(() => wire.viewerFrame(wire.frameAckPdu({ frameId, heldMs: 0 }, ids), 1002),
        ourMistake, `${frameId}`);
    const mouse = (x) => [{ eventTimeMs: 1, event: { kind: 'Mouse', flags: 0x0800, x, y: 0 } }];
    assert.throws(() => wire.viewerFrame(wire.inputPdu(mouse(0x10000), ids), 1002), ourMistake);
    assert.doesNotThrow(() => wire.viewerFrame(wire.inputPdu(mouse(0xFFFF), ids), 1002));
  });

  test('a viewer frame is a Send-Data Request from the viewer to the host\'s channel', () => {
    const frame = wire.decodeFrame(wire.viewerFrame(wire.frameAckPdu({ frameId: 3, heldMs: 0 },
      ids), 1002));
    assert.deepEqual(frame.header, { kind: SendDataKind.Request, initiator: 1004, channelId: 1002,
      priority: wire.DataPriority.High });
  });
});

describe('CloseReason', () => {
  test('every reason has its sentence; unknown ones a generic one', () => {
    assert.equal(wire.describeCloseReason(wire.CloseReason.HostEnded),
      'The host ended the session.');
    assert.equal(wire.describeCloseReason(wire.CloseReason.HostBusy),
      'The host is busy with too many connections right now; try again in a few seconds.');
    assert.equal(wire.describeCloseReason(wire.CloseReason.Unknown),
      'The connection was closed for a reason this version of Baton does not know.');
    assert.equal(wire.describeCloseReason(99), wire.describeCloseReason(0));
    for (let reason = 1; reason <= 16; ++reason)
      assert.ok(wire.isKnownCloseReason(reason));
    assert.equal(wire.isKnownCloseReason(0), false);
    assert.equal(wire.isKnownCloseReason(17), false);
  });

  test('a ProtocolError defaults to reason ProtocolError and reads as C++\'s', () => {
    const error = new ProtocolError(null, { code: ErrorCode.Truncated, offset: 12,
      what: 'share data header' });
    assert.equal(error.reason, 5);
    assert.equal(error.message, 'truncated at byte 12 (share data header)');
    assert.ok(error instanceof Error);
  });
});
