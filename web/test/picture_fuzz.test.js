// A deterministic mutation fuzz test of TileDecoder: the golden payloads with bytes
// flipped, replaced, inserted, removed and cut, from a seeded generator. Whatever the
// bytes, the decoder either decodes or throws ProtocolError, and never writes outside
// its target.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { TileDecoder, parseTileHeader } from '../src/picture/TileDecoder.js';
import { ProtocolError } from '../src/wire/ProtocolError.js';
import { goldenBytes, goldenManifest } from './picture_golden.js';

const ROUNDS_PER_TILE = 100;
const MAX_TARGET_PIXELS = 1 << 18;

/** xorshift32: the same sequence on every run. */
function generator(seed) {
  let state = seed >>> 0 || 1;
  return (below) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % below;
  };
}

function mutate(payload, random) {
  let bytes = Array.from(payload);
  const edits = 1 + random(4);
  for (let e = 0; e < edits; ++e) {
    const at = random(bytes.length + 1);
    switch (random(7)) {
      case 0: if (at < bytes.length) bytes[at] ^= 1 << random(8); break;
      case 1: if (at < bytes.length) bytes[at] = random(256); break;
      case 2: bytes.splice(at, 0, random(256)); break;
      case 3: bytes.splice(at, 1 + random(8)); break;
      case 4: bytes = bytes.slice(0, at); break;
      // The header's fields and the first body bytes, where counts and sizes live.
      case 5: if (bytes.length > 8) bytes[random(9)] = random(256); break;
      default: bytes.splice(at, 0, ...bytes.slice(random(bytes.length + 1), random(bytes.length + 1)));
    }
  }
  return new Uint8Array(bytes);
}

test('mutated tile payloads decode or throw ProtocolError, inside their target', () => {
  const random = generator(0x5eed7115);
  const decoder = new TileDecoder();
  let refused = 0;
  let decoded = 0;
  for (const tile of goldenManifest().tiles) {
    const payload = goldenBytes(tile.payload);
    for (let round = 0; round < ROUNDS_PER_TILE; ++round) {
      const mutated = mutate(payload, random);
      // The target has the mutated header's size when it parses and is small enough to
      // allocate here, else the tile's own: both paths are the decoder's to check.
      let { width, height } = tile;
      try {
        const header = parseTileHeader(mutated);
        if (header.width * header.height <= MAX_TARGET_PIXELS) ({ width, height } = header);
      } catch (error) {
        assert.ok(error instanceof ProtocolError, `${tile.name} round ${round}: ${error}`);
      }
      const stride = width + 1;
      const pixels = new Uint32Array(stride * (height + 1)).fill(0xdeadbeef);
      try {
        decoder.decode(mutated, { pixels, stride, offset: 0, width, height });
        ++decoded;
      } catch (error) {
        assert.ok(error instanceof ProtocolError, `${tile.name} round ${round}: ${error?.stack ?? error}`);
        ++refused;
      }
      for (let y = 0; y <= height; ++y) {
        assert.equal(pixels[y * stride + width], 0xdeadbeef, `${tile.name} round ${round}: wrote past a row`);
      }
      for (let x = 0; x < stride; ++x) {
        assert.equal(pixels[height * stride + x], 0xdeadbeef, `${tile.name} round ${round}: wrote past the tile`);
      }
    }
  }
  // Both outcomes happen: the mutations reach past the header checks.
  assert.ok(refused > 0 && decoded > 0, `${decoded} decoded, ${refused} refused`);
});
