// The JS decoders against the C++ ones on the same mutated bytes: ~6,000 cases made from
// the golden frames go to both (the C++ side is tests/web/wire_golden.cpp --decode), and
// for each the verdicts must be equal — accepted by both, or refused by both with the same
// error kind, byte offset and field ("truncated at byte 12 (share data header)"). This is
// what "bounds-checked exactly as the C++ is" means, checked.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

import * as wire from '../src/wire/index.js';
import { loadGolden, mutate, prng } from './wire_support.js';

const { entries, bytesOf, decoder } = loadGolden();
const kCases = 6000;

function verdict(fn) {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (!(error instanceof wire.ProtocolError))
      throw error;
    return error.message;
  }
}

function decodeStream(bytes) {
  const frames = new wire.FrameStream();
  frames.push(bytes);
  const pdus = new wire.PduDecoder();
  for (let frame; (frame = frames.next()) !== null;)
    pdus.decodeFrame(frame);
}

/** The cases, each as the C++ side reads it and with the JS side's verdict. */
function makeCases() {
  const random = prng(0xD1FF);
  // The large fragmented payloads would only make the input long; their frames' PDUs are
  // the same kinds the small entries have.
  const small = entries.filter((e) => e.frameSizes.every((size) => size < 4096));
  const cases = [];
  while (cases.length < kCases) {
    const entry = small[Math.floor(random() * small.length)];
    const bytes = bytesOf(entry);
    if (random() < 1 / 3) {
      const mutated = mutate(bytes, random);
      cases.push({ mode: 'stream', bytes: mutated, js: verdict(() => decodeStream(mutated)) });
      continue;
    }
    const frame = wire.decodeFrame(bytes.subarray(0, entry.frameSizes[0]), true);
    const payload = mutate(frame.payload, random);
    if (frame.header.kind !== wire.SendDataKind.FastPath) {
      cases.push({ mode: 'pdu', bytes: payload, js: verdict(() => wire.decodePdu(payload)) });
    } else if (payload.length > 0) {
      const body = payload.subarray(1);
      cases.push({ mode: `body:${payload[0]}`, bytes: body,
        js: verdict(() => wire.decodeDataBody(payload[0], body)) });
    }
  }
  return cases;
}

test('the JS and C++ decoders give the same verdict on mutated bytes', { timeout: 120000 }, () => {
  const cases = makeCases();
  const input = cases.map(({ mode, bytes }) =>
    `${mode} ${bytes.length ? Buffer.from(bytes).toString('hex') : '-'}\n`).join('');
  const cpp = spawnSync(decoder, ['--decode'], { input, encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024 });
  assert.equal(cpp.status, 0, cpp.stderr);
  const answers = cpp.stdout.split('\n');
  assert.equal(answers.length, cases.length + 1);
  const differences = cases.flatMap((c, i) => (c.js === answers[i] ? []
    : [`${c.mode} ${Buffer.from(c.bytes).toString('hex')}: JS "${c.js}", C++ "${answers[i]}"`]));
  assert.deepEqual(differences.slice(0, 5), []);
  // Both verdicts must be common, or the cases miss the decoders.
  const accepted = cases.filter((c) => c.js === 'ok').length;
  assert.ok(accepted > kCases / 20 && accepted < kCases * 0.9, `${accepted} accepted`);
});
