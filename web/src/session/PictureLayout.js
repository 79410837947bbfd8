// Where the picture goes on the page and which picture pixel a pointer is over, as the
// desktop viewer's ViewerWidget computes them. The canvas's backing store is the picture
// (one canvas pixel per shared pixel); its CSS size decides the scale: at 1:1 one shared
// pixel is one device pixel (CSS size = pixels / devicePixelRatio), fitted it shrinks to
// the space it has, keeping its aspect ratio, and never grows past 1:1.

/** @typedef {'fit' | 'one-to-one'} Scaling */

/**
 * The picture's CSS size.
 * @param {{width: number, height: number}} picture in shared pixels
 * @param {{width: number, height: number}} space the CSS pixels available
 * @param {number} devicePixelRatio
 * @param {Scaling} scaling
 * @returns {{width: number, height: number}}
 */
export function pictureCssSize(picture, space, devicePixelRatio, scaling) {
  const natural = { width: picture.width / devicePixelRatio, height: picture.height / devicePixelRatio };
  if (scaling === 'one-to-one') return natural;
  const scale = Math.min(1, space.width / natural.width, space.height / natural.height);
  return { width: natural.width * Math.max(scale, 0), height: natural.height * Math.max(scale, 0) };
}

/**
 * The picture pixel under a point given in CSS pixels relative to the page, for a canvas
 * whose box (getBoundingClientRect) is `box`; clamped to the picture, as input for a
 * pointer dragged outside still goes to its edge.
 * @param {{left: number, top: number, width: number, height: number}} box
 * @param {{width: number, height: number}} picture
 */
export function picturePixelAt(clientX, clientY, box, picture) {
  if (box.width <= 0 || box.height <= 0) return { x: 0, y: 0 };
  const x = Math.floor(((clientX - box.left) * picture.width) / box.width);
  const y = Math.floor(((clientY - box.top) * picture.height) / box.height);
  return {
    x: Math.min(Math.max(x, 0), picture.width - 1),
    y: Math.min(Math.max(y, 0), picture.height - 1),
  };
}

// WheelEvent.deltaMode: pixels, lines, pages. One notch is 120 units on the wire; browsers
// report a notch as about 100 pixels (Chromium) or 3 lines (Firefox).
const UNITS_PER = [120 / 100, 120 / 3, 120];

/**
 * A WheelEvent's rotation in 1/120 notch units, positive right and away from the user (the
 * wire's sense; the DOM's deltaY is positive towards the user).
 * @param {{deltaX: number, deltaY: number, deltaMode: number}} wheel
 */
export function wheelNotchUnits(wheel) {
  const per = UNITS_PER[wheel.deltaMode] ?? UNITS_PER[0];
  return { x: Math.round(wheel.deltaX * per), y: Math.round(-wheel.deltaY * per) };
}
