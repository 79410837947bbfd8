// When the browser viewer acknowledges: the cases of tests/core/viewer/tst_ackpacer.cpp,
// so that the port decides exactly as core/viewer/AckPacer does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AckPacer } from '../src/session/AckPacer.js';

const INTERVAL = AckPacer.MIN_INTERVAL_MS;

test('the limits are the native viewer\'s', () => {
  assert.equal(AckPacer.MAX_HELD_FRAMES, 4);
  assert.equal(AckPacer.MIN_INTERVAL_MS, 100);
  assert.equal(AckPacer.MAX_HELD_BYTES, 256 * 1024);
});

test('sparse frames are acknowledged at once', () => {
  const pacer = new AckPacer();
  for (let frame = 1; frame <= 5; ++frame) {
    assert.deepEqual(pacer.presented(frame, frame * INTERVAL, frame * 1000), { frameId: frame, heldMs: 0 });
    assert.equal(pacer.dueAtMs(), null);
  }
});

test('dense frames share an acknowledgement', () => {
  // 40 frames a second, as the scrolling benchmark sends.
  const pacer = new AckPacer();
  assert.deepEqual(pacer.presented(1, 1000, 1000), { frameId: 1, heldMs: 0 });
  assert.equal(pacer.presented(2, 1025, 2000), null);
  assert.equal(pacer.dueAtMs(), 1000 + INTERVAL);
  assert.equal(pacer.presented(3, 1050, 3000), null);
  assert.equal(pacer.presented(4, 1075, 4000), null);
  // The fourth frame held: sent at once, covering frames 2 to 5.
  assert.deepEqual(pacer.presented(5, 1099, 5000), { frameId: 5, heldMs: 0 });
  assert.equal(pacer.dueAtMs(), null);
});

test('a held acknowledgement says how long it was held', () => {
  const pacer = new AckPacer();
  assert.ok(pacer.presented(7, 0, 7000));
  assert.equal(pacer.presented(8, 30, 8000), null);
  assert.equal(pacer.presented(9, 60, 9000), null);
  assert.equal(pacer.dueAtMs(), INTERVAL);
  assert.deepEqual(pacer.release(INTERVAL), { frameId: 9, heldMs: INTERVAL - 60 });
  assert.equal(pacer.release(INTERVAL + 1), null);
  // The interval counts from that acknowledgement.
  assert.equal(pacer.presented(10, INTERVAL + 50, 10000), null);
  assert.equal(pacer.dueAtMs(), 2 * INTERVAL);
});

test('never more than MAX_HELD_FRAMES frames held', () => {
  // However fast frames come, at most MAX_HELD_FRAMES wait for one acknowledgement: the
  // host's window of unacknowledged batches is larger.
  const pacer = new AckPacer();
  let acks = 0;
  let held = 0;
  for (let frame = 1; frame <= 1000; ++frame) {
    if (pacer.presented(frame, 5000 + frame, frame * 1000)) {
      ++acks;
      held = 0;
    } else {
      ++held;
    }
    assert.ok(held < AckPacer.MAX_HELD_FRAMES);
  }
  assert.equal(acks, 1 + Math.floor(999 / AckPacer.MAX_HELD_FRAMES));
});

test('large frames are acknowledged at once', () => {
  // The host's window is also counted in bytes: a few large frames (key frames, a lossless
  // full window) would fill it before four were held.
  const pacer = new AckPacer();
  assert.ok(pacer.presented(1, 0, 1000));
  assert.equal(pacer.presented(2, 10, 1000 + AckPacer.MAX_HELD_BYTES - 1), null);
  assert.deepEqual(pacer.presented(3, 20, 1000 + AckPacer.MAX_HELD_BYTES), { frameId: 3, heldMs: 0 });
  assert.deepEqual(pacer.presented(4, 30, 1000 + 2 * AckPacer.MAX_HELD_BYTES), { frameId: 4, heldMs: 0 });
});

test('held time is capped', () => {
  const pacer = new AckPacer();
  assert.ok(pacer.presented(1, 0, 1000));
  assert.equal(pacer.presented(2, 10, 2000), null);
  assert.deepEqual(pacer.release(10 + 200000), { frameId: 2, heldMs: 65535 });
});

test('fractional clock readings are held whole milliseconds', () => {
  // performance.now() has sub-millisecond precision; the PDU carries whole milliseconds.
  const pacer = new AckPacer();
  assert.ok(pacer.presented(1, 0.25, 1000));
  assert.equal(pacer.presented(2, 10.4, 2000), null);
  assert.deepEqual(pacer.release(100.25), { frameId: 2, heldMs: 90 });
});
