// The golden files tests/web/picture_golden.cpp writes, for the picture suites.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.env.BATON_WEB_GOLDEN;

/** The manifest; fails (not skips) when the golden files are missing. */
export function goldenManifest() {
  assert.ok(root, 'BATON_WEB_GOLDEN must name the golden directory (ctest web_picture_golden sets it)');
  return JSON.parse(readFileSync(join(root, 'picture', 'manifest.json'), 'utf8'));
}

/** @param {string} name @returns {Uint8Array} */
export function goldenBytes(name) {
  const buffer = readFileSync(join(root, 'picture', name));
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

/** A golden picture (packed B, G, R, A) as RGBA bytes. */
export function goldenRgba(name) {
  const bgra = goldenBytes(name);
  const rgba = new Uint8Array(bgra.length);
  for (let i = 0; i < bgra.length; i += 4) {
    rgba[i] = bgra[i + 2];
    rgba[i + 1] = bgra[i + 1];
    rgba[i + 2] = bgra[i];
    rgba[i + 3] = bgra[i + 3];
  }
  return rgba;
}

/** Asserts two RGBA pictures of width are equal, naming the first pixel that is not. */
export function assertSamePixels(actual, expected, width, what) {
  assert.equal(actual.length, expected.length, `${what}: size`);
  for (let i = 0; i < expected.length; ++i) {
    if (actual[i] !== expected[i]) {
      const pixel = i >> 2;
      const show = (bytes) => Array.from(bytes.subarray(pixel * 4, pixel * 4 + 4)).join(',');
      assert.fail(`${what}: pixel (${pixel % width}, ${Math.floor(pixel / width)}) is RGBA ` +
        `${show(actual)}, the C++ made ${show(expected)}`);
    }
  }
}

/** Turns a PDU of the manifest (base64 `data` members) into the web decoder's shape. */
export function revivePdu(json) {
  return JSON.parse(JSON.stringify(json), (key, value) =>
    key === 'data' && typeof value === 'string' ? new Uint8Array(Buffer.from(value, 'base64')) : value);
}

/** PSNR in dB of two RGBA pictures over R, G and B. */
export function psnr(a, b) {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < a.length; ++i) {
    if ((i & 3) === 3) continue;
    sum += (a[i] - b[i]) ** 2;
    ++count;
  }
  return sum === 0 ? Infinity : 10 * Math.log10((255 * 255 * count) / sum);
}
