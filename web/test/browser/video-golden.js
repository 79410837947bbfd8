// The browser half of the picture's golden tests (see video-golden.html), for the H.264
// stream and, where this browser decodes AV1, the AV1 one: WebCodecs' planes must equal
// libavcodec's byte for byte; the pictures the viewer draws through UpdateApplier must
// equal YuvConverter's conversion of libavcodec's planes byte for byte (so the viewer
// read the planes, not a canvas), and be within 37 dB PSNR of the C++ viewer's pictures
// (both BT.709 limited range, each interpolating 4:2:0 chroma its own way;
// web/test/picture_video.test.js holds the same bound for YuvConverter alone).
import { UpdateApplier } from '../../src/picture/UpdateApplier.js';
import { VideoRegions } from '../../src/picture/VideoRegions.js';
import { VideoCodec, av1CodecString, h264CodecString } from '../../src/picture/VideoPayload.js';
import { WebCodecsDecoder } from '../../src/picture/WebCodecsDecoder.js';
import { yuvToRgba } from '../../src/picture/YuvConverter.js';

const MIN_PSNR_DB = 37;
const STREAMS = [
  { name: 'H.264', key: 'video', codecId: 3, codecString: h264CodecString },
  { name: 'AV1', key: 'videoAv1', codecId: 5, codecString: av1CodecString },
];
const goldenUrl = new URLSearchParams(location.search).get('golden') ?? '../../../build/default/tests/web/golden/picture/';

const log = (line) => {
  document.getElementById('log').textContent += `${line}\n`;
};

async function fetchBytes(name) {
  const response = await fetch(new URL(name, new URL(goldenUrl, location.href)));
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function psnr(a, b) {
  let sum = 0;
  for (let i = 0; i < a.length; ++i) sum += (a[i] - b[i]) ** 2;
  return sum === 0 ? Infinity : 10 * Math.log10((255 * 255 * a.length) / sum);
}

function compare(actual, expected) {
  let differing = 0;
  for (let i = 0; i < expected.length; ++i) if (actual[i] !== expected[i]) ++differing;
  return { equal: actual.length === expected.length && differing === 0, differing };
}

/** Where each plane of a picture lies in the golden .i420 file. */
function planeLayout(picture) {
  const w = picture.planesWidth;
  const h = picture.planesHeight;
  const cw = (w + 1) >> 1;
  const ch = (h + 1) >> 1;
  return { w, h, cw, ch, layout: [{ offset: 0, stride: w }, { offset: w * h, stride: cw }, { offset: w * h + cw * ch, stride: cw }] };
}

/** WebCodecs' own I420 planes of every picture against libavcodec's. */
async function comparePlanes(spec, stream, payloads, expectedPlanes) {
  const frames = [];
  let failure = null;
  const decoder = new VideoDecoder({ output: (frame) => frames.push(frame), error: (e) => { failure = e; } });
  decoder.configure({ codec: spec.codecString(payloads[0].subarray(6)), optimizeForLatency: true });
  payloads.forEach((payload, i) => decoder.decode(new EncodedVideoChunk({
    type: i === 0 ? 'key' : 'delta', timestamp: i, data: payload.subarray(6) })));
  await decoder.flush();
  decoder.close();
  if (failure) throw failure;
  const results = [];
  for (const [i, frame] of frames.entries()) {
    const { w, h, cw, ch, layout } = planeLayout(stream.pictures[i]);
    const result = { picture: i, format: frame.format, visible: `${frame.visibleRect.width}x${frame.visibleRect.height}` };
    try {
      const packed = new Uint8Array(w * h + 2 * cw * ch);
      await frame.copyTo(packed, { rect: { x: 0, y: 0, width: w, height: h }, layout });
      const expected = expectedPlanes[i];
      result.y = compare(packed.subarray(0, w * h), expected.subarray(0, w * h));
      result.u = compare(packed.subarray(w * h, w * h + cw * ch), expected.subarray(w * h, w * h + cw * ch));
      result.v = compare(packed.subarray(w * h + cw * ch), expected.subarray(w * h + cw * ch));
    } catch (error) {
      result.error = String(error);
    } finally {
      frame.close();
    }
    results.push(result);
  }
  return results;
}

/** YuvConverter's RGBA of libavcodec's planes of one picture. */
function convertedPlanes(picture, yuv, width, height) {
  const { w, h, layout } = planeLayout(picture);
  const rgba = new Uint8Array(width * height * 4);
  yuvToRgba({ format: 'I420', width: w, height: h, planes: layout.map((plane) => ({ data: yuv, ...plane })) },
    { pixels: new Uint32Array(rgba.buffer), stride: width, offset: 0, width, height });
  return rgba;
}

/** The viewer's own path: VideoRegionUpdate PDUs through UpdateApplier. */
async function compareApplier(spec, stream, payloads, expectedPictures, expectedPlanes) {
  const { width, height } = stream;
  const x = 5;
  const y = 7;
  const applier = new UpdateApplier();
  applier.resize(width + 10, height + 10);
  const update = (i, payload) => ({ type: 'VideoRegionUpdate', frameId: i + 1, regionId: 1, x, y, width, height,
    codecId: spec.codecId, flags: i === 0 ? 3 : 2, data: payload });
  // Joined mid-stream: a picture before the key frame is skipped.
  await applier.apply(update(1, payloads[1]));
  const results = [];
  for (const [i, payload] of payloads.entries()) {
    await applier.apply(update(i, payload));
    const region = new Uint8Array(width * height * 4);
    for (let row = 0; row < height; ++row) {
      const start = ((y + row) * (width + 10) + x) * 4;
      region.set(applier.framebuffer.data.subarray(start, start + width * 4), row * width * 4);
    }
    const rgb = (bytes, order) => {
      const out = new Uint8Array((bytes.length / 4) * 3);
      for (let p = 0, o = 0; p < bytes.length; p += 4) for (const c of order) out[o++] = bytes[p + c];
      return out;
    };
    const actual = rgb(region, [0, 1, 2]);
    const expected = rgb(expectedPictures[i], [2, 1, 0]); // the C++ pictures are B, G, R, A
    let maxDifference = 0;
    for (let k = 0; k < actual.length; ++k) maxDifference = Math.max(maxDifference, Math.abs(actual[k] - expected[k]));
    const sameAsPlanes = compare(region, convertedPlanes(stream.pictures[i], expectedPlanes[i], width, height)).equal;
    results.push({ picture: i, psnr: psnr(actual, expected), maxDifference, sameAsPlanes });
  }
  // After a catch-up's UpdateSynchronize the decoder is gone: pictures wait for the next
  // key frame, which opens a new one.
  await applier.apply({ type: 'UpdateSynchronize' });
  await applier.apply(update(2, payloads[2]));
  await applier.apply(update(0, payloads[0]));
  return { results, stats: { ...applier.stats } };
}

async function runStream(spec, manifest, supported) {
  const stream = manifest[spec.key];
  if (!supported.includes(spec.codecId)) return { supported: false };
  const fetchAll = (member) => Promise.all(stream.pictures.map((p) => fetchBytes(p[member])));
  const [payloads, planes, pictures] = await Promise.all([fetchAll('payload'), fetchAll('i420'), fetchAll('pixels')]);
  const result = { supported: true, planes: await comparePlanes(spec, stream, payloads, planes) };
  const applied = await compareApplier(spec, stream, payloads, pictures, planes);
  result.rgba = applied.results;
  result.stats = applied.stats;
  for (const p of result.planes) log(`${spec.name} planes ${p.picture}: ${JSON.stringify(p)}`);
  for (const p of result.rgba) {
    log(`${spec.name} picture ${p.picture}: ${p.psnr.toFixed(2)} dB, max difference ${p.maxDifference}, ` +
      `same as the planes converted: ${p.sameAsPlanes}`);
  }
  result.ok = result.planes.length === stream.pictures.length &&
    result.planes.every((p) => p.y?.equal && p.u?.equal && p.v?.equal) &&
    result.rgba.every((p) => p.psnr >= MIN_PSNR_DB && p.sameAsPlanes) &&
    result.stats.videoPictures === stream.pictures.length + 1 && result.stats.videoSkipped === 2;
  return result;
}

/**
 * The path for frames whose planes cannot be read: an RGBA VideoFrame (what a GPU
 * decoder's frame is to a canvas) drawn through the decoder's OffscreenCanvas, into a
 * rectangle of a larger picture, must come out exactly.
 */
async function checkCanvasFallback() {
  const width = 23;
  const height = 11;
  const source = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < source.length; i += 4) source.set([(i * 7) & 255, (i * 13) & 255, (i * 29) & 255, 255], i);
  const frame = new VideoFrame(source, { format: 'RGBA', codedWidth: width, codedHeight: height, timestamp: 0 });
  const stride = width + 4;
  const pixels = new Uint32Array(stride * (height + 2));
  const decoder = new WebCodecsDecoder(VideoCodec.H264);
  try {
    await decoder.draw_(frame, { pixels, stride, offset: stride + 2, width, height });
  } finally {
    frame.close();
    decoder.close();
  }
  const drawn = new Uint8Array(pixels.buffer);
  let differing = 0;
  for (let y = 0; y < height; ++y) {
    for (let x = 0; x < width * 4; ++x) {
      if (drawn[((y + 1) * stride + 2) * 4 + x] !== source[y * width * 4 + x]) ++differing;
    }
  }
  return { ok: differing === 0, differing };
}

async function run() {
  const manifest = JSON.parse(new TextDecoder().decode(await fetchBytes('manifest.json')));
  const result = { supportedCodecIds: await VideoRegions.supportedCodecIds(), streams: {} };
  log(`supported video codec ids: ${result.supportedCodecIds.join(', ')}`);
  for (const spec of STREAMS) result.streams[spec.name] = await runStream(spec, manifest, result.supportedCodecIds);
  result.canvasFallback = await checkCanvasFallback();
  log(`canvas fallback: ${JSON.stringify(result.canvasFallback)}`);
  // H.264 is every browser's; AV1 must decode right where the browser says it can.
  result.ok = result.streams['H.264'].ok === true && result.canvasFallback.ok &&
    Object.values(result.streams).every((stream) => !stream.supported || stream.ok);
  return result;
}

run().then((result) => {
  window.result = result;
}, (error) => {
  window.result = { ok: false, error: String(error?.stack ?? error) };
}).finally(() => {
  log(JSON.stringify({ ok: window.result.ok, error: window.result.error }));
  document.title = 'done';
});
