// The viewer's input as T.128 input events, a port of core/input/InputWire's viewer half:
// keys as scancode events, pointer as mouse / extended mouse / wheel events, coordinates
// in the shared picture's pixels.

import { ExtendedMouseFlags, KeyboardFlags, MouseFlags, WheelFlags } from '../wire/InputPdus.js';

const coordinate = (value) => Math.min(Math.max(Math.trunc(value), 0), 0xffff);

/** @param {{scancode: number, extended: boolean}} key @param {boolean} pressed */
export function keyEvents(key, pressed) {
  const flags = (key.extended ? KeyboardFlags.Extended : 0) | (pressed ? 0 : KeyboardFlags.Release);
  return [{ kind: 'Scancode', flags, keyCode: key.scancode }];
}

/** @param {number} x @param {number} y picture pixels */
export function moveEvents(x, y) {
  return [{ kind: 'Mouse', flags: MouseFlags.Move, x: coordinate(x), y: coordinate(y) }];
}

/**
 * A button pressed or released. button is MouseEvent.button: 0 main (left), 1 auxiliary
 * (middle), 2 secondary (right), 3 back, 4 forward; others send nothing.
 */
export function buttonEvents(button, pressed, x, y) {
  const at = { x: coordinate(x), y: coordinate(y) };
  // T.128's button bits: 1 left, 2 right, 3 middle.
  const mouse = [MouseFlags.Button1, MouseFlags.Button3, MouseFlags.Button2][button];
  if (mouse !== undefined)
    return [{ kind: 'Mouse', flags: mouse | (pressed ? MouseFlags.Down : 0), ...at }];
  const extended = [ExtendedMouseFlags.Button1, ExtendedMouseFlags.Button2][button - 3];
  if (extended !== undefined)
    return [{ kind: 'ExtendedMouse', flags: extended | (pressed ? ExtendedMouseFlags.Down : 0), ...at }];
  return [];
}

/**
 * A wheel turned by deltaX/deltaY in 1/120 notch units (positive: right, and away from the
 * user); a large rotation travels as several events within the 9-bit range.
 */
export function wheelEvents(deltaX, deltaY, x, y) {
  const events = [];
  const append = (horizontal, total) => {
    let delta = Math.trunc(total);
    while (delta !== 0) {
      const step = Math.min(Math.max(delta, WheelFlags.MinDelta), WheelFlags.MaxDelta);
      events.push({ kind: 'Wheel', horizontal, delta: step, x: coordinate(x), y: coordinate(y) });
      delta -= step;
    }
  };
  append(false, deltaY);
  append(true, deltaX);
  return events;
}
