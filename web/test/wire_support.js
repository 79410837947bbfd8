// What the wire suites share: the golden files of tests/web/wire_golden.cpp, a seeded
// PRNG and mutations, and the plain JSON form a decoded PDU is compared in.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import * as wire from '../src/wire/index.js';

/**
 * The manifest's entries, the bytes of each, and the C++ decoder to compare with (the
 * program that wrote them); fails without BATON_WEB_GOLDEN.
 */
export function loadGolden() {
  const root = process.env.BATON_WEB_GOLDEN;
  if (!root)
    throw new Error('BATON_WEB_GOLDEN is not set: run the suites through ctest (web_wire_golden)');
  const dir = join(root, 'wire');
  const { entries, decoder } = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const cache = new Map();
  const bytesOf = (entry) => {
    if (!cache.has(entry.file))
      cache.set(entry.file, new Uint8Array(readFileSync(join(dir, entry.file))));
    return cache.get(entry.file);
  };
  return { entries, bytesOf, decoder };
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

/**
 * What a viewer makes of its host's bytes, pushed in pieces: FrameStream and a PduDecoder
 * whose fast-path context has the share id given.
 */
export function hostDecoder(fastPathShareId) {
  const frames = new wire.FrameStream();
  const decoder = new wire.PduDecoder();
  decoder.setFastPathContext({ source: wire.kHostUserId, shareId: fastPathShareId,
    stream: wire.StreamId.Low });
  return {
    decoder,
    /** The PDUs the bytes complete (a fragment that completes nothing yields none). */
    push(bytes) {
      frames.push(bytes);
      const pdus = [];
      for (let frame; (frame = frames.next()) !== null;) {
        const pdu = decoder.decodeFrame(frame);
        if (pdu !== null)
          pdus.push(pdu);
      }
      return pdus;
    },
  };
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

const kInteresting = [0x00, 0x01, 0x02, 0x03, 0x7F, 0x80, 0x81, 0xC0, 0xFF];
const kBoundaries = [0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x3FFF, 0x4000, 0x7FFF, 0x8000, 0xFFFF];

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** bytes with one to four random mutations: flips, boundary values, insertions, cuts. */
export function mutate(bytes, random) {
  let out = Uint8Array.from(bytes);
  const pick = (n) => Math.floor(random() * n);
  const mutations = 1 + pick(4);
  for (let m = 0; m < mutations && out.length > 0; ++m) {
    const at = pick(out.length);
    switch (pick(8)) {
    case 0:
      out[at] ^= 1 << pick(8);
      break;
    case 1:
      out[at] = pick(256);
      break;
    case 2:
      out[at] = kInteresting[pick(kInteresting.length)];
      break;
    case 3: { // a u16 at a boundary value, either byte order
      const value = kBoundaries[pick(kBoundaries.length)];
      if (at + 1 < out.length) {
        out[at] = pick(2) ? value & 0xFF : value >> 8;
        out[at + 1] = pick(2) ? value >> 8 : value & 0xFF;
      }
      break;
    }
    case 4: { // insert random bytes
      const extra = Uint8Array.from({ length: 1 + pick(16) }, () => pick(256));
      out = concat(out.subarray(0, at), extra, out.subarray(at));
      break;
    }
    case 5: // delete a range
      out = concat(out.subarray(0, at), out.subarray(at + 1 + pick(16)));
      break;
    case 6: // truncate
      out = out.slice(0, at);
      break;
    default: { // duplicate a range
      const end = Math.min(out.length, at + 1 + pick(32));
      out = concat(out.subarray(0, end), out.subarray(at, end), out.subarray(end));
      break;
    }
    }
  }
  return out;
}
