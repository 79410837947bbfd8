// TileDecoder against the C++ TileEncoder's payloads and the C++ TileDecoder's pixels.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { TileDecoder } from '../src/picture/TileDecoder.js';
import { ProtocolError } from '../src/wire/ProtocolError.js';
import { assertSamePixels, goldenBytes, goldenManifest, goldenRgba } from './picture_golden.js';

const { tiles } = goldenManifest();

/** Decodes into a picture one pixel larger all round, whose border must stay untouched. */
function decodeWithBorder(payload, width, height) {
  const stride = width + 2;
  const pixels = new Uint32Array(stride * (height + 2)).fill(0x12345678);
  new TileDecoder().decode(payload, { pixels, stride, offset: stride + 1, width, height });
  const inside = new Uint8Array(width * height * 4);
  const view = new Uint32Array(inside.buffer);
  for (let y = 0; y < height; ++y) view.set(pixels.subarray((y + 1) * stride + 1, (y + 1) * stride + 1 + width), y * width);
  for (let y = 0; y < height + 2; ++y) {
    for (let x = 0; x < stride; ++x) {
      if (y === 0 || y === height + 1 || x === 0 || x === stride - 1) {
        assert.equal(pixels[y * stride + x], 0x12345678, `wrote outside the tile at (${x - 1}, ${y - 1})`);
      }
    }
  }
  return inside;
}

for (const tile of tiles) {
  test(`tile ${tile.name} (flags 0x${tile.flags.toString(16)}) decodes as the C++ does`, () => {
    const pixels = decodeWithBorder(goldenBytes(tile.payload), tile.width, tile.height);
    assertSamePixels(pixels, goldenRgba(tile.pixels), tile.width, tile.name);
  });
}

test('the golden tiles cover every kind, filter and index form, opaque and not, with and without zstd', () => {
  const seen = new Set(tiles.map((t) => t.flags));
  const has = (mask, value) => [...seen].some((flags) => (flags & mask) === value);
  const kinds = { solid: 0, palette: 1, generic: 2 };
  for (const opaque of [0, 4]) {
    assert.ok(has(0x07, kinds.solid | opaque), `solid, opaque ${opaque}`);
    for (const form of [0x00, 0x10, 0x30]) {
      assert.ok(has(0x37, kinds.palette | opaque | form), `palette form 0x${form.toString(16)}, opaque ${opaque}`);
    }
    for (const filter of [0, 1, 2, 3]) assert.ok(has(0x3f, kinds.generic | opaque | 0x08 | (filter << 4)), `filter ${filter}`);
  }
  assert.ok(has(0x0b, kinds.palette | 0x08), 'a palette with zstd');
  assert.ok(has(0x0b, kinds.palette), 'a palette without zstd');
});

test('a payload for another size is refused', () => {
  const tile = tiles[0];
  assert.throws(() => new TileDecoder().decode(goldenBytes(tile.payload), {
    pixels: new Uint32Array((tile.width + 1) * tile.height), stride: tile.width + 1, offset: 0,
    width: tile.width + 1, height: tile.height,
  }), (error) => error instanceof ProtocolError && error.message === 'tile size differs from its target');
});

test('every truncation of every golden payload is refused with a ProtocolError', () => {
  const decoder = new TileDecoder();
  for (const tile of tiles) {
    const payload = goldenBytes(tile.payload);
    const pixels = new Uint32Array(tile.width * tile.height);
    const target = { pixels, stride: tile.width, offset: 0, width: tile.width, height: tile.height };
    for (const cut of [0, 1, 4, 5, 6, payload.length >> 1, payload.length - 1]) {
      if (cut >= payload.length) continue;
      assert.throws(() => decoder.decode(payload.subarray(0, cut), target), ProtocolError, `${tile.name} cut at ${cut}`);
    }
    const longer = new Uint8Array(payload.length + 1);
    longer.set(payload);
    assert.throws(() => decoder.decode(longer, target), ProtocolError, `${tile.name} with a trailing byte`);
  }
});
