// The host's pointer shape as an image the page can draw, a port of
// core/session/PointerMessages' pointerImageOf: a PointerNew of 32 bpp with alpha, rows
// bottom-up premultiplied BGRA, becomes top-down straight RGBA (what ImageData takes).
// Other depths (1-bpp masks) are not rendered: null, and the page draws its default arrow.

/**
 * @param {{xorBpp: number, attribute: {width: number, height: number, xorMask: Uint8Array}}} pdu
 * @returns {{width: number, height: number, data: Uint8ClampedArray} | null}
 */
export function pointerImageOf(pdu) {
  const { width, height, xorMask } = pdu.attribute;
  if (pdu.xorBpp !== 32 || width === 0 || height === 0 || xorMask.length !== width * height * 4)
    return null;
  const data = new Uint8ClampedArray(width * height * 4);
  const rowBytes = width * 4;
  for (let y = 0; y < height; ++y) {
    const from = rowBytes * (height - 1 - y);
    const to = rowBytes * y;
    for (let x = 0; x < rowBytes; x += 4) {
      const alpha = xorMask[from + x + 3];
      // Premultiplied colour over alpha; the clamped array rounds and caps at 255.
      const unpremultiply = alpha === 0 || alpha === 255 ? 1 : 255 / alpha;
      data[to + x] = xorMask[from + x + 2] * unpremultiply;
      data[to + x + 1] = xorMask[from + x + 1] * unpremultiply;
      data[to + x + 2] = xorMask[from + x] * unpremultiply;
      data[to + x + 3] = alpha;
    }
  }
  return { width, height, data };
}
