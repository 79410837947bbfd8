// ViewerSession's state and pacing against a scripted host: the host's PDUs are encoded by
// web/src/wire (checked byte for byte against the C++ encoder by wire_golden.test.js), the
// picture is the real UpdateApplier, and what the session sends is decoded back. The real
// path (a host, TLS, a WebSocket, a browser) is tests/app/tst_webviewer.cpp's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ViewerSession } from '../src/session/ViewerSession.js';
import { PictureLimit } from '../src/session/PictureLimit.js';
import { UpdateApplier } from '../src/picture/UpdateApplier.js';
import {
  CloseReason, ControlAction, decodeFrame, decodePdu, defaultCapability, encodeDataBody,
  encodeFastPathFrame, encodePduFrame, FrameMarkerAction, kBroadcastChannelId, Role,
  SendDataKind, StreamId, WindowFlags,
} from '../src/wire/index.js';

const HOST = 1002;
const ME = 1004;
const SHARE = 0x00010001;

function tpkt(body, { shareId = 0, stream = StreamId.Medium } = {}) {
  return encodePduFrame(SendDataKind.Indication, kBroadcastChannelId,
    { context: { source: HOST, shareId, stream }, body });
}

function fastPath(body) {
  const { pduType2, bytes } = encodeDataBody(body);
  return encodeFastPathFrame(Uint8Array.of(pduType2, ...bytes));
}

const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

const welcome = () => tpkt({ type: 'Welcome', versionMajor: 1, versionMinor: 2, userId: ME,
  hostUserId: HOST, broadcastChannelId: kBroadcastChannelId, userChannelId: ME, role: Role.Viewer,
  sessionId: 'demo', hostName: 'xterm host' });
const demandActive = (width, height, shareId = SHARE) => tpkt({ type: 'DemandActive', shareId,
  sourceDescriptor: 'Baton', capabilities: [defaultCapability('General'),
    { ...defaultCapability('Bitmap'), desktopWidth: width, desktopHeight: height },
    defaultCapability('Share')] });
const marker = (action, frameId) => fastPath({ type: 'FrameMarker', action, frameId });
const fill = (left, top, width, height, red) => fastPath({ type: 'OrdersUpdate',
  orders: [{ kind: 'OpaqueRect', left, top, width, height, red, green: 0, blue: 0 }] });
const batch = (frameId, ...updates) => concat(marker(FrameMarkerAction.Begin, frameId), ...updates,
  marker(FrameMarkerAction.End, frameId));

/** A session over a fake transport, a fake clock and fake timers. */
function harness({ pictureLimit } = {}) {
  const sent = [];
  const clock = { nowMs: 1000, timers: new Map(), nextId: 1 };
  const timers = {
    setTimeout: (fn, ms) => { const id = clock.nextId++; clock.timers.set(id, { fn, at: clock.nowMs + ms }); return id; },
    clearTimeout: (id) => clock.timers.delete(id),
  };
  const transport = { closed: false, send: (bytes) => sent.push(decodePdu(decodeFrame(bytes).payload)),
    close() { this.closed = true; } };
  const applier = new UpdateApplier();
  const session = new ViewerSession({ transport, sessionId: 'demo', displayName: 'Ada', passcode: 'pw',
    software: 'Baton web test', codecIds: [1, 2], applier, now: () => clock.nowMs, timers, pictureLimit });
  const events = [];
  for (const name of ['joined', 'resized', 'framePresented', 'ended', 'floorChanged', 'windowsChanged'])
    session.on(name, (...args) => events.push([name, ...args]));
  const advance = async (ms) => {
    clock.nowMs += ms;
    for (const [id, timer] of [...clock.timers]) {
      if (timer.at <= clock.nowMs) { clock.timers.delete(id); timer.fn(); }
    }
  };
  // Received bytes are handled in order, asynchronously: wait until the queue is empty.
  const receive = async (bytes) => { session.received(bytes); await settle(); };
  const settle = async () => { for (let i = 0; i < 20; ++i) await new Promise((r) => setImmediate(r)); };
  const sentOf = (type) => sent.filter((pdu) => pdu.body.type === type);
  return { session, sent, sentOf, events, transport, applier, clock, advance, receive, settle };
}

async function joined(options) {
  const h = harness(options);
  h.session.start();
  await h.receive(concat(welcome(), demandActive(8, 4)));
  return h;
}

test('Hello first, then the Welcome joins and the DemandActive is confirmed with its share id', async () => {
  const h = harness();
  h.session.start();
  assert.equal(h.session.state, 'connecting');
  const [hello] = h.sent;
  assert.equal(hello.body.type, 'Hello');
  assert.equal(hello.context.source, 1001);
  assert.deepEqual([hello.body.sessionId, hello.body.displayName, hello.body.passcode, hello.body.software],
    ['demo', 'Ada', 'pw', 'Baton web test']);
  assert.equal(hello.body.featureFlags, 0x1f);
  assert.deepEqual(hello.body.codecIds, [1, 2]);
  await h.receive(welcome());
  assert.equal(h.session.state, 'joined');
  assert.equal(h.session.userId, ME);
  assert.equal(h.session.hostName, 'xterm host');
  await h.receive(demandActive(8, 4));
  const [confirm] = h.sentOf('ConfirmActive');
  assert.equal(confirm.body.shareId, SHARE);
  assert.equal(confirm.context.source, ME);
  const bitmap = confirm.body.capabilities.find((set) => set.kind === 'Bitmap');
  assert.deepEqual([bitmap.desktopWidth, bitmap.desktopHeight], [8, 4]);
  assert.deepEqual([h.applier.framebuffer.width, h.applier.framebuffer.height], [8, 4]);
  assert.deepEqual(h.events.filter(([name]) => name === 'resized'), [['resized', 8, 4]]);
});

test('a batch is presented at its End, with what it changed, and acknowledged', async () => {
  const h = await joined();
  await h.receive(concat(marker(FrameMarkerAction.Begin, 7), fill(0, 0, 2, 2, 200)));
  assert.equal(h.session.stats.framesPresented, 0);
  await h.receive(marker(FrameMarkerAction.End, 7));
  assert.equal(h.session.stats.framesPresented, 1);
  const presented = h.events.filter(([name]) => name === 'framePresented');
  assert.deepEqual(presented.at(-1)[2], 7);
  assert.ok(presented.at(-1)[1].some((r) => r.x === 0 && r.y === 0 && r.width === 2 && r.height === 2));
  assert.equal(h.applier.framebuffer.data[0], 200);
  const [ack] = h.sentOf('FrameAck');
  assert.deepEqual([ack.body.frameId, ack.body.queueDepth, ack.body.heldMs], [7, 0, 0]);
  assert.equal(ack.context.shareId, SHARE);
});

test('a lone TileCacheHits or TileUpdate with a frame id is a picture by itself; inside a batch it is not', async () => {
  const h = await joined();
  await h.receive(fastPath({ type: 'TileUpdate', frameId: 3, surfaceId: 0, tiles: [] }));
  assert.equal(h.session.stats.framesPresented, 1);
  await h.receive(batch(4, fastPath({ type: 'TileUpdate', frameId: 4, surfaceId: 0, tiles: [] })));
  assert.equal(h.session.stats.framesPresented, 2);
});

test('dense frames share acknowledgements, paced as AckPacer paces them', async () => {
  const h = await joined();
  await h.receive(batch(1, fill(0, 0, 1, 1, 1)));
  assert.equal(h.sentOf('FrameAck').length, 1);
  for (let frame = 2; frame <= 3; ++frame) {
    await h.advance(25);
    await h.receive(batch(frame, fill(0, 0, 1, 1, frame)));
  }
  assert.equal(h.sentOf('FrameAck').length, 1, 'held');
  // The held acknowledgement goes when 100 ms have passed since the previous one.
  await h.advance(49);
  assert.equal(h.sentOf('FrameAck').length, 1);
  await h.advance(1);
  const acks = h.sentOf('FrameAck');
  assert.equal(acks.length, 2);
  assert.deepEqual([acks[1].body.frameId, acks[1].body.heldMs], [3, 50]);
  assert.equal(h.session.stats.acksSent, 2);
});

test('bytes split anywhere give the same session', async () => {
  const whole = harness();
  const split = harness();
  const stream = concat(welcome(), demandActive(8, 4), batch(1, fill(1, 1, 3, 2, 99)), batch(2, fill(0, 0, 1, 1, 5)));
  whole.session.start();
  split.session.start();
  await whole.receive(stream);
  for (const byte of stream) split.session.received(Uint8Array.of(byte));
  await split.settle();
  assert.equal(split.session.stats.framesPresented, 2);
  assert.deepEqual(split.applier.framebuffer.data, whole.applier.framebuffer.data);
  assert.deepEqual(split.sent.map((p) => p.body.type), whole.sent.map((p) => p.body.type));
});

test('updates behind a DemandActive in the same message belong to the new share', async () => {
  const h = harness();
  h.session.start();
  await h.receive(concat(welcome(), demandActive(8, 4), batch(1, fill(0, 0, 8, 4, 77))));
  assert.equal(h.session.stats.framesPresented, 1);
  assert.equal(h.session.stats.staleUpdatesDropped, 0);
  assert.equal(h.applier.framebuffer.data[0], 77);
});

test('updates of an earlier share are stale and dropped; a resize re-activates', async () => {
  const h = await joined();
  await h.receive(tpkt({ type: 'OrdersUpdate', orders: [{ kind: 'OpaqueRect', left: 0, top: 0, width: 1,
    height: 1, red: 9, green: 0, blue: 0 }] }, { shareId: SHARE - 1, stream: StreamId.Low }));
  assert.equal(h.session.stats.staleUpdatesDropped, 1);
  assert.equal(h.applier.framebuffer.data[0], 0);
  await h.receive(demandActive(16, 8, SHARE + 1));
  assert.deepEqual([h.applier.framebuffer.width, h.applier.framebuffer.height], [16, 8]);
  assert.equal(h.sentOf('ConfirmActive').at(-1).body.shareId, SHARE + 1);
  await h.receive(tpkt({ type: 'DeactivateAll', shareId: SHARE + 1, sourceDescriptor: 'Baton' }));
  await h.receive(batch(9, fill(0, 0, 1, 1, 9)));
  assert.equal(h.session.stats.framesPresented, 0, 'nothing is presented while deactivated');
});

test('a window larger than the picture limit is refused before it is allocated', async () => {
  const h = harness({ pictureLimit: new PictureLimit({ maxSidePx: 100, maxPixels: 5000 }) });
  h.session.start();
  await h.receive(concat(welcome(), demandActive(80, 80)));
  assert.equal(h.applier.framebuffer, null);
  assert.deepEqual(h.session.refusedWindowSize, { width: 80, height: 80 });
  const [goodbye] = h.sentOf('Goodbye');
  assert.equal(goodbye.body.reason, CloseReason.ProtocolError);
  assert.match(goodbye.body.message, /80x80 pixels, larger than this viewer accepts/);
  assert.equal(h.sentOf('ConfirmActive').length, 0);
  assert.ok(h.transport.closed);
  assert.equal(h.session.closeInfo.origin, 'local');
});

test('bytes that do not decode end the session with a protocol error, said to the host', async () => {
  const h = await joined();
  await h.receive(Uint8Array.of(0x03, 0x00, 0x00, 0x05, 0xff));
  assert.equal(h.session.state, 'ended');
  const [goodbye] = h.sentOf('Goodbye');
  assert.equal(goodbye.body.reason, CloseReason.ProtocolError);
  assert.match(goodbye.body.message, /^protocol error: /);
  assert.match(h.session.closeInfo.text, /^The other side sent data Baton cannot understand/);
});

test('the host\'s Goodbye ends the session with its reason\'s sentence', async () => {
  const h = await joined();
  await h.receive(tpkt({ type: 'Goodbye', reason: CloseReason.Kicked, message: 'bye' }, { stream: StreamId.High }));
  assert.equal(h.session.state, 'ended');
  assert.deepEqual(h.session.closeInfo, { reason: CloseReason.Kicked, origin: 'peer', detail: 'bye',
    text: 'The host removed you from the session. (bye)' });
  assert.equal(h.events.filter(([name]) => name === 'ended').length, 1);
  h.session.transportClosed();
  assert.equal(h.events.filter(([name]) => name === 'ended').length, 1, 'ended exactly once');
});

test('a first PDU that is not a Welcome, or no answer at all, ends the join', async () => {
  const h = harness();
  h.session.start();
  await h.receive(demandActive(8, 4));
  assert.equal(h.sentOf('Goodbye')[0].body.message, "protocol error: the host's first PDU is not a Welcome");
  const silent = harness();
  silent.session.start();
  await silent.advance(15000);
  assert.equal(silent.session.closeInfo.reason, CloseReason.Timeout);
});

test('input goes only while this viewer holds the floor', async () => {
  const h = await joined();
  const key = { scancode: 0x1e, extended: false };
  assert.equal(h.session.sendKey(key, true), false);
  assert.equal(h.sentOf('Input').length, 0);
  h.session.requestControl();
  assert.deepEqual(h.sentOf('FloorRequest')[0].body, { type: 'FloorRequest', requesterId: ME, controlGeneration: 0 });
  await h.receive(tpkt({ type: 'Control', action: ControlAction.GrantedControl, grantId: ME, controlId: 5 }));
  assert.equal(h.session.holdsFloor, true);
  assert.equal(h.session.sendKey(key, true), true);
  assert.equal(h.session.sendWheel(0, 600, 2, 3), true);
  const inputs = h.sentOf('Input');
  assert.equal(inputs[0].context.stream, StreamId.High);
  assert.deepEqual(inputs[0].body.events[0].event, { kind: 'Scancode', flags: 0, keyCode: 0x1e });
  assert.equal(inputs[1].body.events.length, 3);
  h.session.releaseControl();
  assert.equal(h.sentOf('FloorRelease')[0].body.controlGeneration, 5);
  await h.receive(tpkt({ type: 'FloorQueueState', holderId: HOST, controlGeneration: 6, queue: [1005] }));
  assert.equal(h.session.holdsFloor, false);
  assert.deepEqual(h.session.floorQueue, [1005]);
  assert.equal(h.session.sendMove(1, 1), false);
});

test('the roster and the shared windows follow the host', async () => {
  const h = await joined();
  await h.receive(concat(
    tpkt({ type: 'RosterJoin', userId: HOST, role: Role.Host, name: 'Host' }),
    tpkt({ type: 'RosterJoin', userId: ME, role: Role.Viewer, name: 'Ada' }),
    tpkt({ type: 'RosterName', userId: ME, name: 'Ada L.' }),
    tpkt({ type: 'WindowList', windows: [
      { windowId: 7, ownerId: 0, flags: WindowFlags.Shared | WindowFlags.Popup, x: 102, y: 51, width: 3, height: 100, title: 'menu' },
      { windowId: 5, ownerId: 0, flags: WindowFlags.Shared | WindowFlags.Focused, x: 100, y: 50, width: 4, height: 2, title: 'xterm' },
      { windowId: 5, ownerId: 0, flags: WindowFlags.Shared | WindowFlags.ShareArea, x: 100, y: 50, width: 8, height: 4, title: 'xterm' },
    ] })));
  assert.deepEqual(h.session.roster.participants().map((p) => p.name), ['Host', 'Ada L.']);
  assert.equal(h.session.windows.title, 'xterm');
  assert.deepEqual(h.session.windows.windows.map((w) => [w.kind, w.x, w.y, w.width, w.height]),
    [['popup', 2, 1, 3, 3], ['main', 0, 0, 4, 2]]);
});

test('mutated host streams end the session with a protocol error or not at all, never a crash', async () => {
  // A seeded xorshift, so that a failure replays.
  let seed = 0x2545f491;
  const random = () => {
    seed ^= seed << 13; seed >>>= 0;
    seed ^= seed >>> 17;
    seed ^= seed << 5; seed >>>= 0;
    return seed / 0x100000000;
  };
  const pointer = { xorBpp: 32, attribute: { cacheIndex: 0, hotSpotX: 1, hotSpotY: 1, width: 2, height: 2,
    xorMask: new Uint8Array(16).fill(0x80), andMask: new Uint8Array(4) } };
  const valid = concat(welcome(), demandActive(8, 4),
    tpkt({ type: 'RosterJoin', userId: HOST, role: Role.Host, name: 'Host' }),
    tpkt({ type: 'WindowList', windows: [{ windowId: 5, ownerId: 0, flags: WindowFlags.Shared | WindowFlags.ShareArea,
      x: 0, y: 0, width: 8, height: 4, title: 'xterm' }] }),
    tpkt({ type: 'PointerNew', ...pointer }), tpkt({ type: 'PointerPosition', x: 3, y: 2 }),
    batch(1, fill(1, 1, 3, 2, 99)), fastPath({ type: 'TileUpdate', frameId: 2, surfaceId: 0, tiles: [] }),
    tpkt({ type: 'Control', action: ControlAction.GrantedControl, grantId: ME, controlId: 1 }),
    batch(3, fill(0, 0, 8, 4, 7)));
  const reasons = new Map();
  for (let round = 0; round < 300; ++round) {
    const bytes = valid.slice();
    const edits = 1 + Math.floor(random() * 4);
    for (let i = 0; i < edits; ++i) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
    const h = harness();
    h.session.start();
    // In pieces of random sizes, as a WebSocket may deliver them.
    for (let at = 0; at < bytes.length;) {
      const size = 1 + Math.floor(random() * 200);
      h.session.received(bytes.subarray(at, at + size));
      at += size;
    }
    await h.settle();
    const reason = h.session.closeInfo?.reason ?? 'open';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    assert.notEqual(reason, CloseReason.InternalError, `round ${round}: ${h.session.closeInfo?.detail}`);
    if (h.session.closeInfo?.origin === 'local') assert.equal(h.sentOf('Goodbye').length, 1);
  }
  assert.ok(reasons.get(CloseReason.ProtocolError) > 0, JSON.stringify([...reasons]));
});

test('a Goodbye received right before the connection closed is read first', async () => {
  const h = await joined();
  // The batch's picture is applied asynchronously; the close comes meanwhile.
  h.session.received(concat(batch(5, fill(0, 0, 1, 1, 1)),
    tpkt({ type: 'Goodbye', reason: CloseReason.HostEnded, message: '' }, { stream: StreamId.High })));
  h.session.transportClosed('the WebSocket closed');
  await h.settle();
  assert.equal(h.session.closeInfo.reason, CloseReason.HostEnded);
  assert.equal(h.session.closeInfo.origin, 'peer');
  assert.equal(h.session.stats.framesPresented, 1);
  const lost = await joined();
  lost.session.transportClosed('the WebSocket closed');
  assert.deepEqual([lost.session.closeInfo.reason, lost.session.closeInfo.origin], [CloseReason.ConnectionLost, 'transport']);
});

test('a Hello that does not encode ends the join with a reason, not an exception', () => {
  const sent = [];
  const transport = { send: (bytes) => sent.push(bytes), close() {} };
  const session = new ViewerSession({ transport, sessionId: 'demo', displayName: 'x'.repeat(300),
    software: 'Baton web test', codecIds: [], applier: new UpdateApplier() });
  session.start();
  assert.equal(session.state, 'ended');
  assert.equal(session.closeInfo.reason, CloseReason.InternalError);
  assert.match(session.closeInfo.detail, /display name or passcode too long/);
});
