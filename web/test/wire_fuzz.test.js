// The JS wire parser's fuzz target: a deterministic mutation test. ~20,000 mutations of
// the golden frames (tests/web/wire_golden.cpp) go through the stream a viewer reads and
// straight into the PDU decoders; whatever the bytes, decoding must either succeed or throw
// a ProtocolError — never another exception, never hang — and what decodes must encode back
// to exactly the bytes it came from (every accepted encoding is canonical).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as wire from '../src/wire/index.js';
import { concat, hostDecoder, loadGolden, mutate, prng, splitFrames } from './wire_support.js';

const { entries, bytesOf } = loadGolden();
const kIterations = 20000;
/** Runs fn; a ProtocolError counts as a refusal, any other exception fails the test. */
function refusedOrDecoded(fn, what) {
  try {
    return fn();
  } catch (error) {
    if (error instanceof wire.ProtocolError)
      return null;
    assert.fail(`${what}: ${error?.stack ?? error}`);
  }
}

function hex(bytes) {
  return Buffer.from(bytes).toString('hex');
}

test('mutated frames are decoded or refused with a ProtocolError, nothing else',
  { timeout: 120000 }, () => {
    const random = prng(0xBA70);
    const counts = { refused: 0, decoded: 0 };
    for (let i = 0; i < kIterations; ++i) {
      const entry = entries[Math.floor(random() * entries.length)];
      const original = bytesOf(entry);
      if (random() < 0.5) {
        // The whole stream, as a viewer reads it, cut at random places.
        const mutated = mutate(original, random);
        const host = hostDecoder(entry.fastPathShareId ?? 0);
        const ok = refusedOrDecoded(() => {
          for (const piece of splitFrames(mutated, i))
            host.push(piece);
          return true;
        }, `stream of ${entry.name} (iteration ${i})`);
        counts[ok ? 'decoded' : 'refused']++;
        continue;
      }
      // One frame's PDU, mutated behind an intact frame header: the PDU decoders get bytes
      // the framing would otherwise have refused first.
      const frame = wire.decodeFrame(original.subarray(0, entry.frameSizes[0]), true);
      const fast = frame.header.kind === wire.SendDataKind.FastPath;
      const payload = mutate(frame.payload, random);
      const pdu = refusedOrDecoded(() => (fast
        ? { body: wire.decodeDataBody(payload[0], payload.subarray(1)) }
        : wire.decodePdu(payload)), `PDU of ${entry.name} (iteration ${i})`);
      if (pdu === null) {
        counts.refused++;
        continue;
      }
      counts.decoded++;
      // What was accepted is canonical: it encodes back to the same bytes.
      if (fast) {
        const { pduType2, bytes } = wire.encodeDataBody(pdu.body);
        assert.equal(hex(concat([pduType2], bytes)), hex(payload),
          `${entry.name} (iteration ${i})`);
      } else {
        assert.equal(hex(wire.encodePdu(pdu)), hex(payload), `${entry.name} (iteration ${i})`);
      }
    }
    console.log(`wire fuzz: ${JSON.stringify(counts)}`);
    // Both outcomes must be common, or the mutations miss the decoders.
    assert.ok(counts.refused > kIterations / 10, JSON.stringify(counts));
    assert.ok(counts.decoded > kIterations / 20, JSON.stringify(counts));
  });
