// The session's small parts: the pointer image, the reconnect policy, the Hello's software
// string.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pointerImageOf } from '../src/session/PointerImage.js';
import { Backoff, shouldReconnect } from '../src/session/Reconnect.js';
import { browserOf, softwareOf } from '../src/session/Software.js';
import { CloseReason } from '../src/wire/CloseReason.js';

test('a 32-bpp pointer becomes top-down straight RGBA; other depths are not drawn', () => {
  // 1×2, bottom-up premultiplied BGRA: the bottom row first.
  const xorMask = Uint8Array.of(
    0x00, 0x00, 0x80, 0x80, // bottom: half-transparent red, premultiplied
    0x10, 0x20, 0x30, 0xff); // top: opaque
  const image = pointerImageOf({ xorBpp: 32, attribute: { width: 1, height: 2, xorMask } });
  assert.deepEqual([...image.data], [0x30, 0x20, 0x10, 0xff, 0xff, 0x00, 0x00, 0x80]);
  assert.equal(pointerImageOf({ xorBpp: 1, attribute: { width: 1, height: 2, xorMask } }), null);
  assert.equal(pointerImageOf({ xorBpp: 32, attribute: { width: 2, height: 2, xorMask } }), null);
});

test('a broken connection is retried; an end someone meant is not', () => {
  assert.ok(shouldReconnect({ reason: CloseReason.ConnectionLost, origin: 'transport' }));
  assert.ok(shouldReconnect({ reason: CloseReason.HostBusy, origin: 'peer' }));
  assert.ok(shouldReconnect({ reason: CloseReason.Timeout, origin: 'local' }));
  for (const reason of [CloseReason.HostEnded, CloseReason.Kicked, CloseReason.WrongPasscode,
    CloseReason.RateLimited, CloseReason.SessionNotFound, CloseReason.ProtocolError,
    CloseReason.VersionMismatch, CloseReason.WindowClosed, CloseReason.ViewerLeft])
    assert.equal(shouldReconnect({ reason, origin: 'peer' }), false, `reason ${reason}`);
});

test('reconnects wait 1, 2, 4 … 30 s, and 1 s again after a join', () => {
  const backoff = new Backoff();
  assert.deepEqual(Array.from({ length: 7 }, () => backoff.next()), [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  backoff.reset();
  assert.equal(backoff.next(), 1000);
});

test('the Hello names the page and the browser, within 64 bytes', () => {
  const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.224 Safari/537.36';
  const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0';
  const safari = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15';
  const edge = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91';
  assert.equal(browserOf(chrome), 'Chrome 120');
  assert.equal(browserOf(firefox), 'Firefox 130');
  assert.equal(browserOf(safari), 'Safari 17');
  assert.equal(browserOf(edge), 'Edge 120');
  assert.equal(browserOf('curl/8'), 'unknown browser');
  assert.match(softwareOf(firefox), /^Baton web \d+\.\d+\.\d+ \(Firefox 130\)$/);
  assert.ok(new TextEncoder().encode(softwareOf(`${'x'.repeat(200)} Firefox/1`)).length <= 64);
});
