// What the wire suites share: the golden files of tests/web/wire_golden.cpp, a seeded
// PRNG, and the plain JSON form a decoded PDU is compared in.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The manifest's entries and the bytes of each; fails without BATON_WEB_GOLDEN. */
export function loadGolden() {
  const root = process.env.BATON_WEB_GOLDEN;
  if (!root)
    throw new Error('BATON_WEB_GOLDEN is not set: run the suites through ctest (web_wire_golden)');
  const dir = join(root, 'wire');
  const { entries } = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const cache = new Map();
  const bytesOf = (entry) => {
    if (!cache.has(entry.file))
      cache.set(entry.file, new Uint8Array(readFileSync(join(dir, entry.file))));
    return cache.get(entry.file);
  };
  return { entries, bytesOf };
}

/** A decoded value as the manifest writes it: byte arrays as lower-case hex. */
export function normalize(value) {
  if (value instanceof Uint8Array)
    return Buffer.from(value).toString('hex');
  if (Array.isArray(value))
    return value.map(normalize);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  return value;
}

/** A small deterministic PRNG (mulberry32): next() in [0, 1). */
export function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6D2B79F5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** bytes cut into pieces of 1 to 300 bytes at places seed picks. */
export function splitFrames(bytes, seed) {
  const random = prng(seed);
  const pieces = [];
  for (let offset = 0; offset < bytes.length;) {
    const size = 1 + Math.floor(random() * 300);
    pieces.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return pieces;
}
