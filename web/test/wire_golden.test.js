// The wire modules against what the C++ encoder writes (tests/web/wire_golden.cpp, found
// through BATON_WEB_GOLDEN): every PDU decodes to the C++ fields, re-encodes to the C++
// bytes, and the PDUs a viewer sends are built byte for byte as the native viewer builds
// them.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import * as wire from '../src/wire/index.js';
import { hostDecoder, loadGolden, normalize, splitFrames } from './wire_support.js';

const { entries, bytesOf } = loadGolden();
const isFast = (entry) => entry.name.endsWith('.fast');

function fastPathDecoder(entry) {
  const decoder = new wire.PduDecoder();
  decoder.setFastPathContext({ source: wire.kHostUserId, shareId: entry.fastPathShareId,
    stream: wire.StreamId.Low });
  return decoder;
}

/** Every PDU the frames of entry decode to, through FrameStream and a PduDecoder. */
function decodeAll(entry) {
  const frames = new wire.FrameStream();
  frames.push(bytesOf(entry));
  const decoder = isFast(entry) ? fastPathDecoder(entry) : new wire.PduDecoder();
  const pdus = [];
  for (let frame; (frame = frames.next()) !== null;) {
    const pdu = decoder.decodeFrame(frame);
    if (pdu !== null)
      pdus.push(pdu);
  }
  assert.equal(frames.idle, true);
  return pdus;
}

describe('golden frames from the C++ encoder', () => {
  test('the manifest lists every kind of PDU', () => {
    const types = new Set(entries.flatMap((e) => e.pdus.map((p) => p.body.type)));
    for (const type of ['Hello', 'Welcome', 'Goodbye', 'DemandActive', 'ConfirmActive',
      'DeactivateAll', 'Control', 'Synchronize', 'FloorRequest', 'FloorDecision', 'FloorPassTo',
      'FloorRelease', 'FloorRevoke', 'FloorQueueState', 'OrdersUpdate', 'BitmapUpdate',
      'UpdateSynchronize', 'TileUpdate', 'VideoRegionUpdate', 'TileCacheHits', 'FrameMarker',
      'FrameAck', 'Fragment', 'PointerSystem', 'PointerPosition', 'PointerColor', 'PointerNew',
      'PointerCached', 'Input', 'RosterJoin', 'RosterLeave', 'RosterName', 'RosterRole',
      'RosterFloorState', 'WindowList'])
      assert.ok(types.has(type), type);
    assert.ok(entries.some((e) => isFast(e) && e.frameSizes.length > 1), 'fast-path fragments');
    assert.ok(entries.some((e) => !isFast(e) && e.frameSizes.length > 1), 'TPKT fragments');
  });

  for (const entry of entries) {
    test(`${entry.name} decodes to the C++ fields`, () => {
      const bytes = bytesOf(entry);
      if (entry.lone) {
        // A fragment alone completes nothing: its ASPDU is decoded without reassembly.
        const frame = wire.decodeFrame(bytes);
        assert.deepEqual(normalize([wire.decodePdu(frame.payload)]), entry.pdus);
        return;
      }
      assert.deepEqual(normalize(decodeAll(entry)), entry.pdus);
    });

    if (entry.frameSizes.length !== 1)
      continue;
    test(`${entry.name} re-encodes to the C++ bytes`, () => {
      const bytes = bytesOf(entry);
      const [expected] = entry.lone ? [wire.decodePdu(wire.decodeFrame(bytes).payload)]
        : decodeAll(entry);
      let encoded;
      if (isFast(entry)) {
        const { pduType2, bytes: body } = wire.encodeDataBody(expected.body);
        encoded = wire.encodeFastPathFrame(Uint8Array.of(pduType2, ...body));
      } else {
        encoded = wire.encodePduFrame(entry.kind, entry.channelId, expected);
      }
      assert.deepEqual(Buffer.from(encoded).toString('hex'), Buffer.from(bytes).toString('hex'));
    });
  }
});

describe('what a viewer sends, built as the native viewer builds it', () => {
  const built = entries.filter((e) => e.build);
  test('each PDU a viewer sends has a golden', () => {
    assert.deepEqual(built.map((e) => e.build.function).sort(), ['confirmActivePdu',
      'floorPassToPdu', 'floorReleasePdu', 'floorRequestPdu', 'frameAckPdu', 'goodbyePdu',
      'helloPdu', 'inputPdu']);
  });
  for (const entry of built) {
    test(`${entry.build.function} frames the bytes of ${entry.name}`, () => {
      const pdu = wire[entry.build.function](...entry.build.arguments);
      assert.deepEqual(normalize([pdu]), entry.pdus);
      const frame = wire.viewerFrame(pdu, wire.kHostUserId);
      assert.equal(Buffer.from(frame).toString('hex'), Buffer.from(bytesOf(entry)).toString('hex'));
    });
  }
});

test('defaultCapability gives each set as C++ default-constructs it', () => {
  const { capabilities } = entries.find((e) => e.name === 'default-capabilities').pdus[0].body;
  assert.equal(capabilities.length, 8);
  for (const set of capabilities)
    assert.deepEqual(normalize(wire.defaultCapability(set.kind)), set);
});

describe('the host\'s stream', () => {
  // Everything a host sends, as one stream cut at seeded random places: the same PDUs come
  // out whatever the WebSocket's message boundaries.
  const sampleShareId = entries.find((e) => e.name === 'tiles.fast').fastPathShareId;
  const hostEntries = entries.filter((e) => !e.lone && (isFast(e)
    ? e.fastPathShareId === sampleShareId : e.kind === wire.SendDataKind.Indication));
  const stream = Buffer.concat(hostEntries.map((e) => bytesOf(e)));
  const expected = hostEntries.flatMap((e) => e.pdus);

  for (const seed of [1, 2, 3, 4]) {
    test(`decodes the same cut into random pieces (seed ${seed})`, () => {
      const host = hostDecoder(sampleShareId);
      const decoded = [];
      for (const piece of splitFrames(new Uint8Array(stream), seed))
        decoded.push(...host.push(piece));
      assert.deepEqual(normalize(decoded), expected);
    });
  }

  test('fragments of a payload interleaved with other PDUs come out whole', () => {
    const entry = entries.find((e) => e.name === 'fragmented-tiles');
    const host = hostDecoder(0);
    const bytes = bytesOf(entry);
    const out = [];
    let offset = 0;
    for (const size of entry.frameSizes) {
      out.push(host.push(bytes.subarray(offset, offset + size)).length);
      offset += size;
    }
    // Fragment, pointer (out at once), fragment, last fragment (the tiles).
    assert.deepEqual(out, [0, 1, 0, 1]);
    assert.equal(host.decoder.reassembler.bufferedBytes, 0);
    assert.equal(host.decoder.reassembler.payloadsInFlight, 0);
  });
});

test('the golden directory comes from BATON_WEB_GOLDEN', () => {
  const manifest = JSON.parse(readFileSync(join(process.env.BATON_WEB_GOLDEN, 'wire',
    'manifest.json'), 'utf8'));
  assert.ok(manifest.entries.length >= 50);
});
