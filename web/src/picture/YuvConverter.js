// Decoded video pictures to RGBA, BT.709 limited range as codecs/video/BgraConverter
// converts them (the host's encoders write BT.709 limited range and say so in the
// stream). Chroma of 4:2:0 pictures is interpolated bilinearly at H.264's default
// siting (co-sited with the left luma sample, halfway between two rows), every
// output pixel getting its own chroma like swscale's full chroma interpolation.

/**
 * @typedef {object} Plane
 * @property {Uint8Array} data
 * @property {number} offset byte of the plane's first sample in data
 * @property {number} stride bytes per row
 */

/**
 * @typedef {object} YuvPicture
 * @property {'I420'|'NV12'|'I444'} format
 * @property {number} width of the planes' visible luma
 * @property {number} height
 * @property {Plane[]} planes Y, U, V (I420, I444) or Y, UV (NV12)
 */

const Y_SCALE = 255 / 219;
const C_SCALE = 255 / 224;
const KR = 0.2126;
const KB = 0.0722;
const R_FROM_V = 2 * (1 - KR) * C_SCALE;
const B_FROM_U = 2 * (1 - KB) * C_SCALE;
const G_FROM_U = (2 * (1 - KB) * KB / (1 - KB - KR)) * C_SCALE;
const G_FROM_V = (2 * (1 - KR) * KR / (1 - KB - KR)) * C_SCALE;

const clamp = (value) => (value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value));

/**
 * Writes the top-left target.width × target.height pixels of picture into target (a
 * rectangle of a 32-bit RGBA picture, R in the low byte), alpha 255.
 * @param {YuvPicture} picture
 * @param {{pixels: Uint32Array, stride: number, offset: number, width: number, height: number}} target
 */
export function yuvToRgba(picture, target) {
  const { format, planes } = picture;
  const subsampled = format !== 'I444';
  const chromaWidth = subsampled ? (picture.width + 1) >> 1 : picture.width;
  const chromaHeight = subsampled ? (picture.height + 1) >> 1 : picture.height;
  const luma = planes[0];
  // One row of chroma, vertically interpolated, at 4× its value (weights 3 and 1).
  const u = new Float64Array(chromaWidth);
  const v = new Float64Array(chromaWidth);
  const sample = (plane, interleave, channel, row, column) =>
    plane.data[plane.offset + row * plane.stride + column * interleave + channel];
  const uPlane = planes[1];
  const vPlane = format === 'NV12' ? planes[1] : planes[2];
  const interleave = format === 'NV12' ? 2 : 1;
  const vChannel = format === 'NV12' ? 1 : 0;

  for (let y = 0; y < target.height; ++y) {
    if (subsampled) {
      // Chroma row c sits at luma row 2c + 0.5.
      const near = y >> 1;
      const far = Math.min(Math.max(y & 1 ? near + 1 : near - 1, 0), chromaHeight - 1);
      for (let x = 0; x < chromaWidth; ++x) {
        u[x] = (3 * sample(uPlane, interleave, 0, near, x) + sample(uPlane, interleave, 0, far, x)) / 4;
        v[x] = (3 * sample(vPlane, interleave, vChannel, near, x) + sample(vPlane, interleave, vChannel, far, x)) / 4;
      }
    } else {
      for (let x = 0; x < chromaWidth; ++x) {
        u[x] = sample(uPlane, 1, 0, y, x);
        v[x] = sample(vPlane, 1, 0, y, x);
      }
    }
    const lumaRow = luma.offset + y * luma.stride;
    let at = target.offset + y * target.stride;
    for (let x = 0; x < target.width; ++x) {
      let cu;
      let cv;
      if (!subsampled) {
        cu = u[x];
        cv = v[x];
      } else if (x & 1) {
        // Between two chroma columns (the last odd column repeats its left one).
        const right = Math.min((x >> 1) + 1, chromaWidth - 1);
        cu = (u[x >> 1] + u[right]) / 2;
        cv = (v[x >> 1] + v[right]) / 2;
      } else {
        cu = u[x >> 1];
        cv = v[x >> 1];
      }
      const yy = (luma.data[lumaRow + x] - 16) * Y_SCALE;
      const pu = cu - 128;
      const pv = cv - 128;
      const r = clamp(yy + R_FROM_V * pv);
      const g = clamp(yy - G_FROM_U * pu - G_FROM_V * pv);
      const b = clamp(yy + B_FROM_U * pu);
      target.pixels[at++] = (r | (g << 8) | (b << 16) | 0xff000000) >>> 0;
    }
  }
}
