// UpdateApplier against the C++ UpdateApplier on the same scripted updates: the picture
// after every step, byte for byte, and the same refusals with the same reasons.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { UpdateApplier } from '../src/picture/UpdateApplier.js';
import { ProtocolError } from '../src/wire/ProtocolError.js';
import { assertSamePixels, goldenManifest, goldenRgba, revivePdu } from './picture_golden.js';

const { applier: script, video } = goldenManifest();

test('the scripted updates draw what the C++ applier drew, step by step', async () => {
  const applier = new UpdateApplier();
  applier.resize(script.width, script.height);
  assert.deepEqual(applier.takeDamage(), [{ x: 0, y: 0, width: script.width, height: script.height }]);
  for (const [i, step] of script.steps.entries()) {
    const pdu = revivePdu(step.pdu);
    const what = `step ${i} (${pdu.type})`;
    if (step.error === null) {
      assert.equal(await applier.apply({ context: { source: 1002, shareId: 1, stream: 1 }, body: pdu }), 'Applied', what);
    } else {
      await assert.rejects(applier.apply(pdu), (error) => {
        assert.ok(error instanceof ProtocolError, `${what}: ${error}`);
        assert.equal(error.message, step.error, what);
        return true;
      });
    }
    assert.equal(applier.framebuffer.data.length, script.width * script.height * 4);
    assertSamePixels(applier.framebuffer.data, goldenRgba(step.pixels), script.width, what);
  }
  for (const [name, count] of Object.entries(script.stats)) assert.equal(applier.stats[name], count, name);
});

test('damage names what each update drew', async () => {
  const applier = new UpdateApplier();
  applier.resize(script.width, script.height);
  applier.takeDamage();
  const first = revivePdu(script.steps[0].pdu);
  await applier.apply(first);
  assert.deepEqual(applier.takeDamage(), first.orders.map((o) => ({ x: o.left, y: o.top, width: o.width, height: o.height })));
  assert.deepEqual(applier.takeDamage(), []);
});

test('a PDU that is not an update is left alone, and updates before a size are refused', async () => {
  const applier = new UpdateApplier();
  assert.equal(await applier.apply({ type: 'FrameMarker', action: 0, frameId: 1 }), 'NotAnUpdate');
  await assert.rejects(applier.apply(revivePdu(script.steps[0].pdu)),
    (error) => error instanceof ProtocolError && error.message === 'an update arrived before the window size');
  assert.throws(() => applier.resize(16385, 10), ProtocolError);
  assert.throws(() => applier.resize(0, 10), ProtocolError);
  applier.resize(1, 1);
  assert.deepEqual(Array.from(applier.framebuffer.data), [0, 0, 0, 255]);
});

test('video pictures before the first key frame are skipped, checked against their region first', async () => {
  const applier = new UpdateApplier();
  applier.resize(video.width + 10, video.height + 10);
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const payload = (i) => new Uint8Array(readFileSync(join(process.env.BATON_WEB_GOLDEN, 'picture', video.pictures[i].payload)));
  const region = { type: 'VideoRegionUpdate', frameId: 3, regionId: 1, x: 10, y: 10, width: video.width,
    height: video.height, codecId: 3, flags: 0 };
  assert.equal(await applier.apply({ ...region, data: payload(1) }), 'Applied');
  assert.equal(applier.stats.videoSkipped, 1);
  assert.equal(applier.stats.videoPictures, 0);
  await assert.rejects(applier.apply({ ...region, x: 11, data: payload(1) }),
    (e) => e instanceof ProtocolError && e.message === `a video region at ${video.width}x${video.height}+11+10 leaves the window`);
  await assert.rejects(applier.apply({ ...region, width: video.width - 1, data: payload(1) }),
    (e) => e instanceof ProtocolError && e.message === `a video payload that is not of its region ${video.width - 1}x${video.height}+10+10`);
  await assert.rejects(applier.apply({ ...region, codecId: 2, data: payload(1) }),
    (e) => e instanceof ProtocolError && e.message === 'a video region with codec 2');
  // A key frame needs a decoder: node has no WebCodecs, so this viewer could not have
  // announced video and the region is refused.
  await assert.rejects(applier.apply({ ...region, flags: 1, data: payload(0) }), ProtocolError);
});
