// Deterministic mutation fuzz tests of the picture's parsers: the golden tile payloads,
// T.128 RLE streams and video payloads with bytes flipped, replaced, inserted, removed
// and cut, from a seeded generator. Whatever the bytes, TileDecoder decodes or throws
// ProtocolError and never writes outside its target; the RLE decoder decodes or names
// its reason; the video payload's header and codec-string parsers answer or throw
// ProtocolError.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { T128DecodeError, decodeT128Bitmap } from '../src/picture/T128BitmapDecoder.js';
import { TileDecoder, parseTileHeader } from '../src/picture/TileDecoder.js';
import { av1CodecString, h264CodecString, parseVideoPayloadHeader } from '../src/picture/VideoPayload.js';
import { ProtocolError } from '../src/wire/ProtocolError.js';
import { goldenBytes, goldenManifest, revivePdu } from './picture_golden.js';

const ROUNDS_PER_TILE = 150;
const MAX_TARGET_PIXELS = 1 << 16;

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
  let bytes = payload.slice();
  const splice = (at, removed, inserted) => {
    const out = new Uint8Array(bytes.length - removed + inserted.length);
    out.set(bytes.subarray(0, at));
    out.set(inserted, at);
    out.set(bytes.subarray(at + removed), at + inserted.length);
    bytes = out;
  };
  const edits = 1 + random(4);
  for (let e = 0; e < edits; ++e) {
    const at = random(bytes.length + 1);
    switch (random(7)) {
      case 0: if (at < bytes.length) bytes[at] ^= 1 << random(8); break;
      case 1: if (at < bytes.length) bytes[at] = random(256); break;
      case 2: splice(at, 0, [random(256)]); break;
      case 3: splice(at, Math.min(1 + random(8), bytes.length - at), []); break;
      case 4: bytes = bytes.slice(0, at); break;
      // The header's fields and the first body bytes, where counts and sizes live.
      case 5: if (bytes.length > 8) bytes[random(9)] = random(256); break;
      default: {
        const from = random(bytes.length + 1);
        splice(at, 0, bytes.slice(from, from + random(bytes.length - from + 1)));
      }
    }
  }
  return bytes;
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

test('mutated T.128 RLE streams decode or give one of the decoder\'s reasons', () => {
  const random = generator(0x7128);
  const reasons = new Set(Object.values(T128DecodeError));
  const bitmaps = goldenManifest().applier.steps
    .map((step) => revivePdu(step.pdu))
    .filter((pdu) => pdu.type === 'BitmapUpdate' && pdu.rectangles[0].flags & 1)
    .map((pdu) => pdu.rectangles[0]);
  assert.ok(bitmaps.length >= 3);
  const outcomes = new Set();
  for (const bitmap of bitmaps) {
    for (let round = 0; round < 400; ++round) {
      const result = decodeT128Bitmap(mutate(bitmap.data, random), bitmap.bitsPerPixel, bitmap.width, bitmap.height);
      if (result.error) {
        assert.ok(reasons.has(result.error), result.error);
        outcomes.add(result.error);
      } else {
        assert.equal(result.pixels.length, bitmap.width * bitmap.height);
        outcomes.add('decoded');
      }
    }
  }
  assert.ok(outcomes.size >= 3, [...outcomes].join(', '));
});

test('mutated video payloads parse or are refused with ProtocolError', () => {
  const random = generator(0x264);
  const { video, videoAv1 } = goldenManifest();
  for (const [stream, codecString] of [[video, h264CodecString], [videoAv1, av1CodecString]]) {
    for (const picture of stream.pictures) {
      const payload = goldenBytes(picture.payload);
      for (let round = 0; round < 300; ++round) {
        const mutated = mutate(payload, random);
        const header = parseVideoPayloadHeader(mutated);
        if (header) {
          assert.ok(header.width >= 1 && header.width <= 16384 && header.height >= 1 && header.height <= 16384);
        }
        try {
          assert.match(codecString(mutated.subarray(6)), /^(avc1\.[0-9a-f]{6}|av01\.\d\.\d\d[MH]\.08)$/);
        } catch (error) {
          assert.ok(error instanceof ProtocolError, String(error?.stack ?? error));
        }
      }
    }
  }
});
