// KeyboardEvent.code → set-1 scancodes: the native viewer's table (core/input/Scancodes.cpp),
// no more and no less, and the input events built from them as core/input/InputWire does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mappedCodes, scancodeOf } from '../src/session/KeyMap.js';
import { buttonEvents, keyEvents, wheelEvents } from '../src/session/InputWire.js';
import { picturePixelAt, pictureCssSize, wheelNotchUnits } from '../src/session/PictureLayout.js';

// Scancodes.cpp's kExtended: the E0 keys the host maps to evdev keys.
const NATIVE_EXTENDED = [0x1c, 0x1d, 0x35, 0x37, 0x38, 0x47, 0x48, 0x49, 0x4b, 0x4d, 0x4f, 0x50,
  0x51, 0x52, 0x53, 0x5b, 0x5c, 0x5d, 0x46];

test('letters, digits and the keys people type with map to their set-1 codes', () => {
  assert.deepEqual(scancodeOf('KeyA'), { scancode: 0x1e, extended: false });
  assert.deepEqual(scancodeOf('KeyQ'), { scancode: 0x10, extended: false });
  assert.deepEqual(scancodeOf('Digit1'), { scancode: 0x02, extended: false });
  assert.deepEqual(scancodeOf('Digit0'), { scancode: 0x0b, extended: false });
  assert.deepEqual(scancodeOf('Enter'), { scancode: 0x1c, extended: false });
  assert.deepEqual(scancodeOf('Space'), { scancode: 0x39, extended: false });
  assert.deepEqual(scancodeOf('ShiftLeft'), { scancode: 0x2a, extended: false });
  assert.deepEqual(scancodeOf('Period'), { scancode: 0x34, extended: false });
  assert.deepEqual(scancodeOf('Slash'), { scancode: 0x35, extended: false });
  assert.deepEqual(scancodeOf('F12'), { scancode: 0x58, extended: false });
});

test('the keys of the E0 block are extended, and are the native table\'s', () => {
  assert.deepEqual(scancodeOf('NumpadEnter'), { scancode: 0x1c, extended: true });
  assert.deepEqual(scancodeOf('ArrowUp'), { scancode: 0x48, extended: true });
  assert.deepEqual(scancodeOf('Delete'), { scancode: 0x53, extended: true });
  assert.deepEqual(scancodeOf('AltRight'), { scancode: 0x38, extended: true });
  assert.deepEqual(scancodeOf('NumpadDivide'), { scancode: 0x35, extended: true });
  const extended = new Set(mappedCodes().map(scancodeOf).filter((k) => k.extended).map((k) => k.scancode));
  assert.deepEqual([...extended].sort((a, b) => a - b), [...NATIVE_EXTENDED].sort((a, b) => a - b));
});

test('every plain code is one the host accepts, and no two keys share one', () => {
  const seen = new Map();
  for (const code of mappedCodes()) {
    const key = scancodeOf(code);
    if (!key.extended) assert.ok(key.scancode >= 1 && key.scancode <= 0x58, `${code}: ${key.scancode}`);
    const id = `${key.extended}:${key.scancode}`;
    // Firefox's old names for the Meta keys are the only aliases.
    if (seen.has(id)) assert.match(`${seen.get(id)} ${code}`, /^Meta(Left|Right) OS\1$/);
    seen.set(id, code);
  }
  assert.ok(seen.size >= 100, `${seen.size} keys`);
});

test('keys with no scancode on the host are not sent', () => {
  for (const code of ['', 'Unidentified', 'AudioVolumeUp', 'Lang1', 'IntlRo', 'Fn', 'F13'])
    assert.equal(scancodeOf(code), null, code);
});

test('key events carry the extended and release flags', () => {
  assert.deepEqual(keyEvents({ scancode: 0x1e, extended: false }, true), [{ kind: 'Scancode', flags: 0, keyCode: 0x1e }]);
  assert.deepEqual(keyEvents({ scancode: 0x48, extended: true }, false),
    [{ kind: 'Scancode', flags: 0x0100 | 0x8000, keyCode: 0x48 }]);
});

test('buttons: left, middle and right as T.128 numbers them, back and forward as extended', () => {
  assert.deepEqual(buttonEvents(0, true, 3, 4), [{ kind: 'Mouse', flags: 0x1000 | 0x8000, x: 3, y: 4 }]);
  assert.deepEqual(buttonEvents(1, false, 3, 4), [{ kind: 'Mouse', flags: 0x4000, x: 3, y: 4 }]);
  assert.deepEqual(buttonEvents(2, true, 3, 4), [{ kind: 'Mouse', flags: 0x2000 | 0x8000, x: 3, y: 4 }]);
  assert.deepEqual(buttonEvents(3, true, 3, 4), [{ kind: 'ExtendedMouse', flags: 0x0001 | 0x8000, x: 3, y: 4 }]);
  assert.deepEqual(buttonEvents(4, false, 3, 4), [{ kind: 'ExtendedMouse', flags: 0x0002, x: 3, y: 4 }]);
  assert.deepEqual(buttonEvents(5, true, 3, 4), []);
});

test('a large wheel rotation travels as several events within the 9-bit range', () => {
  const events = wheelEvents(0, 600, 1, 2);
  assert.deepEqual(events.map((e) => e.delta), [255, 255, 90]);
  assert.ok(events.every((e) => !e.horizontal));
  assert.deepEqual(wheelEvents(-300, 0, 1, 2).map((e) => [e.horizontal, e.delta]), [[true, -256], [true, -44]]);
  // A browser notch: 100 pixels down (Chromium) or 3 lines (Firefox) is -120 on the wire.
  assert.deepEqual(wheelNotchUnits({ deltaX: 0, deltaY: 100, deltaMode: 0 }), { x: 0, y: -120 });
  assert.deepEqual(wheelNotchUnits({ deltaX: 0, deltaY: 3, deltaMode: 1 }), { x: 0, y: -120 });
});

test('the picture at 1:1 is one device pixel a shared pixel; fitted it shrinks, never grows', () => {
  const picture = { width: 1600, height: 1000 };
  assert.deepEqual(pictureCssSize(picture, { width: 500, height: 500 }, 2, 'one-to-one'), { width: 800, height: 500 });
  assert.deepEqual(pictureCssSize(picture, { width: 400, height: 1000 }, 2, 'fit'), { width: 400, height: 250 });
  assert.deepEqual(pictureCssSize(picture, { width: 4000, height: 4000 }, 1, 'fit'), { width: 1600, height: 1000 });
});

test('a pointer maps to the picture pixel under it, at any scale, clamped to the picture', () => {
  const picture = { width: 1600, height: 1000 };
  const box = { left: 10, top: 20, width: 400, height: 250 }; // fitted at a quarter
  assert.deepEqual(picturePixelAt(10, 20, box, picture), { x: 0, y: 0 });
  assert.deepEqual(picturePixelAt(110.5, 70, box, picture), { x: 402, y: 200 });
  assert.deepEqual(picturePixelAt(1000, -5, box, picture), { x: 1599, y: 0 });
  const oneToOne = { left: 0, top: 0, width: 800, height: 500 }; // devicePixelRatio 2
  assert.deepEqual(picturePixelAt(400.25, 250.75, oneToOne, picture), { x: 800, y: 501 });
});
