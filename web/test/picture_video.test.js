// The parts of video decoding that do not need WebCodecs: the payload header, the codec
// strings a key frame names, and the YUV → RGBA conversion, on libx264's stream and
// libavcodec's planes from tests/web/picture_golden.cpp. (WebCodecs itself is tested in
// Chromium: web/test/browser/video-golden.html.)
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { VideoCodec, av1CodecString, h264CodecString, parseVideoPayloadHeader } from '../src/picture/VideoPayload.js';
import { yuvToRgba } from '../src/picture/YuvConverter.js';
import { ProtocolError } from '../src/wire/ProtocolError.js';
import { goldenBytes, goldenManifest, goldenRgba, psnr } from './picture_golden.js';

const { video, videoAv1 } = goldenManifest();
const streams = [['H.264', video, VideoCodec.H264], ['AV1', videoAv1, VideoCodec.AV1]];

// Both sides convert with BT.709 limited range; they interpolate 4:2:0 chroma
// differently, which costs about 38 dB on the golden stream's hard colour edges (46 dB
// away from them). BT.601 coefficients or full range would give below 30 dB.
const MIN_PSNR_DB = 37;

test('the payload header of every golden picture parses as the encoder wrote it', () => {
  for (const [, stream, codec] of streams) {
    for (const [i, picture] of stream.pictures.entries()) {
      const header = parseVideoPayloadHeader(goldenBytes(picture.payload));
      assert.deepEqual(header, { codec, keyFrame: i === 0, chroma444: false, width: stream.width, height: stream.height });
    }
  }
});

test('payload headers outside the format are refused', () => {
  const good = goldenBytes(video.pictures[0].payload);
  const changed = (at, value) => {
    const bytes = good.slice(0, 16);
    bytes[at] = value;
    return bytes;
  };
  assert.equal(parseVideoPayloadHeader(good.subarray(0, 6)), null, 'no bitstream');
  assert.equal(parseVideoPayloadHeader(changed(0, 4)), null, 'codec 4 is not a payload codec');
  assert.equal(parseVideoPayloadHeader(changed(1, 0x05)), null, 'reserved bit');
  assert.equal(parseVideoPayloadHeader(changed(2, 0).fill(0, 2, 4)), null, 'width 0');
  const wide = changed(2, 0x01);
  wide[3] = 0x40; // 16385
  assert.equal(parseVideoPayloadHeader(wide), null, 'width beyond the limit');
});

test('the codec string comes from the key frame\'s SPS, and a P-frame has none', () => {
  const key = goldenBytes(video.pictures[0].payload).subarray(6);
  const codec = h264CodecString(key);
  assert.match(codec, /^avc1\.[0-9a-f]{6}$/);
  const sps = key.findIndex((byte, i) => i >= 3 && key[i - 1] === 1 && key[i - 2] === 0 && (byte & 0x1f) === 7);
  assert.equal(codec, `avc1.${[1, 2, 3].map((k) => key[sps + k].toString(16).padStart(2, '0')).join('')}`);
  assert.throws(() => h264CodecString(goldenBytes(video.pictures[1].payload).subarray(6)), ProtocolError);
});

test('the AV1 codec string comes from the key frame\'s sequence header, and a later picture has none', () => {
  assert.match(av1CodecString(goldenBytes(videoAv1.pictures[0].payload).subarray(6)), /^av01\.0\.\d\dM\.08$/);
  assert.throws(() => av1CodecString(goldenBytes(videoAv1.pictures[1].payload).subarray(6)), ProtocolError);
});

test('an AV1 sequence header gives profile, level and tier', () => {
  // seq_profile 1, no still picture, full header, no timing info, one operating point
  // at level 13 (5.1), tier 1; then an OBU of another type before it.
  const bits = '001' + '0' + '0' + '0' + '0' + '00000' + '000000000000' + '01101' + '1';
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, '0');
  const body = padded.match(/.{8}/g).map((b) => parseInt(b, 2));
  const temporalDelimiter = [0x12, 0x00];
  const stream = new Uint8Array([...temporalDelimiter, 0x0a, body.length, ...body]);
  assert.equal(av1CodecString(stream), 'av01.1.13H.08');
  assert.throws(() => av1CodecString(new Uint8Array(temporalDelimiter)), ProtocolError);
  assert.throws(() => av1CodecString(new Uint8Array([0x0a, 2, 0x20, 0])), ProtocolError, 'truncated');
});

test('I420 planes convert to RGBA close to the C++ viewer\'s BT.709 conversion', () => {
  for (const [name, { width, height, pictures }] of streams) {
    for (const [i, picture] of pictures.entries()) {
      const yuv = goldenBytes(picture.i420);
      const w = picture.planesWidth;
      const h = picture.planesHeight;
      const cw = (w + 1) >> 1;
      const ch = (h + 1) >> 1;
      const planes = [
        { data: yuv, offset: 0, stride: w },
        { data: yuv, offset: w * h, stride: cw },
        { data: yuv, offset: w * h + cw * ch, stride: cw },
      ];
      const rgba = new Uint8Array(width * height * 4);
      yuvToRgba({ format: 'I420', width: w, height: h, planes },
        { pixels: new Uint32Array(rgba.buffer), stride: width, offset: 0, width, height });
      const db = psnr(rgba, goldenRgba(picture.pixels));
      assert.ok(db >= MIN_PSNR_DB, `${name} picture ${i}: ${db.toFixed(2)} dB against the C++ viewer's pixels`);
      for (let p = 3; p < rgba.length; p += 4) assert.equal(rgba[p], 255);
    }
  }
});

test('NV12 planes convert exactly as the same I420 planes do', () => {
  const picture = video.pictures[2];
  const yuv = goldenBytes(picture.i420);
  const w = picture.planesWidth;
  const h = picture.planesHeight;
  const cw = (w + 1) >> 1;
  const ch = (h + 1) >> 1;
  const interleaved = new Uint8Array(w * h + 2 * cw * ch);
  interleaved.set(yuv.subarray(0, w * h));
  for (let i = 0; i < cw * ch; ++i) {
    interleaved[w * h + 2 * i] = yuv[w * h + i];
    interleaved[w * h + 2 * i + 1] = yuv[w * h + cw * ch + i];
  }
  const convert = (format, planes) => {
    const rgba = new Uint8Array(video.width * video.height * 4);
    yuvToRgba({ format, width: w, height: h, planes },
      { pixels: new Uint32Array(rgba.buffer), stride: video.width, offset: 0, width: video.width, height: video.height });
    return rgba;
  };
  const i420 = convert('I420', [{ data: yuv, offset: 0, stride: w }, { data: yuv, offset: w * h, stride: cw },
    { data: yuv, offset: w * h + cw * ch, stride: cw }]);
  const nv12 = convert('NV12', [{ data: interleaved, offset: 0, stride: w }, { data: interleaved, offset: w * h, stride: 2 * cw }]);
  assert.deepEqual(nv12, i420);
});

test('I444 samples convert with BT.709 limited-range coefficients', () => {
  // Y, U, V of black, white, and BT.709's red, green and blue, as an encoder writes them.
  const samples = [[16, 128, 128], [235, 128, 128], [63, 102, 240], [173, 42, 26], [32, 240, 118]];
  const expected = [[0, 0, 0], [255, 255, 255], [255, 0, 0], [0, 255, 0], [0, 0, 255]];
  const plane = (k) => ({ data: new Uint8Array(samples.map((s) => s[k])), offset: 0, stride: samples.length });
  const rgba = new Uint8Array(samples.length * 4);
  yuvToRgba({ format: 'I444', width: samples.length, height: 1, planes: [plane(0), plane(1), plane(2)] },
    { pixels: new Uint32Array(rgba.buffer), stride: samples.length, offset: 0, width: samples.length, height: 1 });
  expected.forEach((rgb, i) => rgb.forEach((value, c) => {
    assert.ok(Math.abs(rgba[i * 4 + c] - value) <= 2, `sample ${i} channel ${c}: ${rgba[i * 4 + c]}, not ${value}`);
  }));
});
