// UpdateApplier against the C++ UpdateApplier on the same scripted updates: the picture
// after every step, byte for byte, and the same refusals with the same reasons.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { UpdateApplier } from '../src/picture/UpdateApplier.js';
import { FrameStream } from '../src/wire/FrameStream.js';
import { PduDecoder } from '../src/wire/PduDecoder.js';
import { ProtocolError } from '../src/wire/ProtocolError.js';
import { assertSamePixels, goldenBytes, goldenManifest, goldenRgba, revivePdu } from './picture_golden.js';

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

/** The PDUs of fast-path frames, through the web viewer's own wire decoder. */
function decodeWire(bytes) {
  const frames = new FrameStream({ acceptFastPath: true });
  const decoder = new PduDecoder();
  frames.push(bytes);
  const pdus = [];
  for (let frame = frames.next(); frame; frame = frames.next()) {
    const pdu = decoder.decodeFrame(frame);
    if (pdu) pdus.push(pdu);
  }
  return pdus;
}

test('the same updates as the host sends them, decoded by web/src/wire, draw the same pictures', async () => {
  const applier = new UpdateApplier();
  applier.resize(script.width, script.height);
  // A refused update may have drawn part of itself first (a tile decodes before the cache
  // refuses to keep it): one that cannot travel is applied from the JSON to keep the
  // picture in step with the C++ one.
  const applyUntravelled = async (step, what) => {
    await assert.rejects(applier.apply(revivePdu(step.pdu)), (error) => error.message === step.error, what);
  };
  let refusedByWire = 0;
  for (const [i, step] of script.steps.entries()) {
    const what = `step ${i} (${step.pdu.type})`;
    if (step.wire === null) {
      assert.notEqual(step.error, null, `${what}: the C++ writer refused an update the C++ applier takes`);
      await applyUntravelled(step, what);
      continue;
    }
    let pdus;
    try {
      pdus = decodeWire(goldenBytes(step.wire));
    } catch (error) {
      // The wire decoder may refuse what the applier would refuse: never a PDU the C++
      // applier takes.
      assert.ok(error instanceof ProtocolError, `${what}: ${error}`);
      assert.notEqual(step.error, null, `${what}: the wire decoder refused an update the C++ applier takes: ${error.message}`);
      ++refusedByWire;
      await applyUntravelled(step, what);
      continue;
    }
    assert.equal(pdus.length, 1, what);
    // web/src/wire's objects are the shapes the golden JSON names (web/src/wire/README.md).
    const { type, ...members } = revivePdu(step.pdu);
    assert.equal(pdus[0].body.type, type, what);
    for (const [name, value] of Object.entries(members)) assert.deepEqual(pdus[0].body[name], value, `${what}: ${name}`);
    if (step.error === null) {
      assert.equal(await applier.apply(pdus[0]), 'Applied', what);
    } else {
      await assert.rejects(applier.apply(pdus[0]), (error) => error instanceof ProtocolError && error.message === step.error, what);
    }
    assertSamePixels(applier.framebuffer.data, goldenRgba(step.pixels), script.width, what);
  }
  assert.ok(refusedByWire < script.steps.filter((step) => step.error !== null).length, 'some refusals reach the applier');
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
