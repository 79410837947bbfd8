// The browser viewer's page: reads the invite's fragment, joins the share over a WebSocket
// to the host that served the page, draws the picture, shows who is there and who holds the
// floor, sends keyboard and pointer input while this viewer holds it, and joins again after
// a connection broke. The protocol is ViewerSession's; this file is the page around it.

import { PictureView } from './page/PictureView.js';
import { renderFloor, renderRoster } from './page/RosterView.js';
import { UpdateApplier } from './picture/UpdateApplier.js';
import { VideoRegions } from './picture/VideoRegions.js';
import { scancodeOf } from './session/KeyMap.js';
import { picturePixelAt, wheelNotchUnits } from './session/PictureLayout.js';
import { Backoff, shouldReconnect } from './session/Reconnect.js';
import { softwareOf } from './session/Software.js';
import { ViewerSession } from './session/ViewerSession.js';
import { CodecId } from './wire/Capabilities.js';
import { CloseReason } from './wire/CloseReason.js';
import { FloorDecision } from './wire/ControlPdus.js';
import { kMaxNameBytes } from './wire/HandshakePdus.js';
import { truncateUtf8 } from './wire/Utf8.js';

const NAME_KEY = 'baton.displayName';
const DEFAULT_NAME = 'Web viewer';

const $ = (id) => document.getElementById(id);
const el = {
  status: $('status'), title: $('window-title'), message: $('message'), scaling: $('scaling'),
  stage: $('stage'), picture: $('picture'), canvas: $('canvas'), hatch: $('hatch'), pointer: $('pointer'),
  roster: $('roster'), floor: $('floor'), request: $('request'), release: $('release'),
  nameForm: $('name-form'), name: $('name'), nameHint: $('name-hint'), identity: $('identity'), fingerprint: $('fingerprint'),
};

// The invite: /s/<session>#code=<passcode>&fp=<sha-256>. The passcode stays in this page's
// memory only (reconnects need it): it leaves the address bar, history and bookmarks.
const invite = (() => {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const sessionId = decodeURIComponent(location.pathname.replace(/^.*\/s\//, '').replace(/\/.*$/, ''));
  const fingerprint = (fragment.get('fp') ?? '').toLowerCase().replace(/[^0-9a-f]/g, '');
  const url = new URL(location.href);
  url.hash = fingerprint ? `fp=${fingerprint}` : '';
  history.replaceState(null, '', url);
  return { sessionId, passcode: fragment.get('code') ?? '', fingerprint };
})();

const view = new PictureView(el);
const backoff = new Backoff();
/** @type {ViewerSession | null} */
let session = null;
/** @type {UpdateApplier | null} */
let applier = null;
let reconnectTimer = null;
let codecIds = null;
/** What a test reads (window.batonViewer.state): the session's, or 'reconnecting'. */
let pageState = 'connecting';
// Counts of the sessions that ended, so that the page's stay counting across reconnects.
const totals = { framesPresented: 0, acksSent: 0, bytesReceived: 0, videoPictures: 0 };
/** Keys this page pressed on the host and has not released: released when control ends. */
const pressedKeys = new Map();

function setStatus(text) { el.status.textContent = text; }
function showMessage(text) { el.message.textContent = text; }

/** The name field's, cut to what Hello carries (128 bytes of UTF-8). */
function displayName() {
  return truncateUtf8(el.name.value.trim(), kMaxNameBytes) || DEFAULT_NAME;
}

function showFingerprint() {
  if (!invite.fingerprint) return;
  // Eight bytes a line, as certificate viewers group them, so no byte breaks across lines.
  const bytes = invite.fingerprint.toUpperCase().match(/.{1,2}/g);
  const lines = [];
  for (let i = 0; i < bytes.length; i += 8) {
    const line = document.createElement('span');
    line.textContent = bytes.slice(i, i + 8).join(':') + (i + 8 < bytes.length ? ':' : '');
    lines.push(line);
  }
  el.fingerprint.replaceChildren(...lines);
  el.identity.hidden = false;
}

async function announcedCodecs() {
  // Tiles the page always decodes (zstd tiles: raw tiles it does not); video only what this
  // browser's WebCodecs does, so the host sends this viewer lossless tiles where others get
  // video. Never an empty list: the host reads that as "decodes everything".
  let video = [];
  try {
    video = await VideoRegions.supportedCodecIds();
  } catch (error) {
    console.warn('baton: no video decoding here:', error);
  }
  return [CodecId.ZstdTiles, ...video];
}

async function connect() {
  reconnectTimer = null;
  codecIds ??= await announcedCodecs();
  pageState = 'connecting';
  setStatus('Connecting…');
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(`${scheme}//${location.host}/ws`);
  socket.binaryType = 'arraybuffer';
  applier = new UpdateApplier();
  const current = new ViewerSession({
    transport: {
      send: (bytes) => { if (socket.readyState === WebSocket.OPEN) socket.send(bytes); },
      close: () => socket.close(1000),
    },
    sessionId: invite.sessionId, displayName: displayName(), passcode: invite.passcode,
    software: softwareOf(navigator.userAgent), codecIds, applier,
  });
  session = current;
  listen(current);
  socket.addEventListener('open', () => current.start());
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') {
      current.close(CloseReason.ProtocolError, 'protocol error: a text message on the WebSocket');
      return;
    }
    current.received(event.data);
  });
  socket.addEventListener('close', (event) => {
    current.transportClosed(event.reason || (event.wasClean ? '' : 'the WebSocket closed'));
  });
}

function listen(current) {
  const live = (handler) => (...args) => { if (session === current) handler(...args); };
  current.on('joined', live(() => {
    pageState = 'joined';
    backoff.reset();
    showMessage('');
    setStatus(`Joined ${current.hostName ? `${current.hostName}'s share` : 'the share'} as ${displayName()}`);
    refreshPanel();
  }));
  current.on('resized', live(() => view.resize(current.framebuffer)));
  current.on('framePresented', live((damage) => view.draw(damage)));
  current.on('windowsChanged', live(() => {
    view.setWindows(current.windows.windows);
    el.title.textContent = current.windows.title;
    showMessage(current.windows.hidden ? 'The shared window is hidden.' : '');
  }));
  current.on('pointerChanged', live(() => view.setPointer(current.pointer, current.holdsFloor)));
  current.on('rosterChanged', live(refreshPanel));
  current.on('floorChanged', live(() => {
    if (!current.holdsFloor) releaseKeys();
    view.setPointer(current.pointer, current.holdsFloor);
    refreshPanel();
  }));
  current.on('floorDecision', live(({ decision }) => {
    if (decision === FloorDecision.Denied) el.floor.textContent = 'The host said no.';
  }));
  current.on('floorRevoked', live(() => {
    releaseKeys();
    el.floor.textContent = 'The host took control back.';
  }));
  current.on('controlOffered', live(() => {
    el.floor.textContent = 'You are offered control: Request control takes it.';
  }));
  current.on('ended', live((info) => ended(current, info)));
}

function ended(current, info) {
  for (const key of ['framesPresented', 'acksSent', 'bytesReceived']) totals[key] += current.stats[key];
  totals.videoPictures += applier.stats.videoPictures;
  pressedKeys.clear();
  refreshPanel();
  if (info.reason !== CloseReason.ViewerLeft && shouldReconnect(info)) {
    const delayMs = backoff.next();
    pageState = 'reconnecting';
    setStatus(`${info.text} Trying again in ${Math.round(delayMs / 1000)} s…`);
    reconnectTimer = setTimeout(connect, delayMs);
    return;
  }
  pageState = 'ended';
  setStatus(info.text);
  if (info.reason !== CloseReason.ViewerLeft) showMessage(info.text);
}

function rejoin() {
  clearTimeout(reconnectTimer);
  const previous = session;
  session = null;
  previous?.leave();
  backoff.reset();
  connect();
}

function refreshPanel() {
  if (!session) return;
  renderRoster(el.roster, session);
  renderFloor(el, session);
}

// ---- input, only while this viewer holds the floor ----

function controlling() { return session?.state === 'joined' && session.holdsFloor; }

function typingInPage(event) {
  return event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
}

function onKey(event) {
  if (!controlling() || typingInPage(event)) return;
  const key = scancodeOf(event.code);
  if (!key) return;
  const pressed = event.type === 'keydown';
  event.preventDefault();
  if (pressed) pressedKeys.set(event.code, key);
  else if (!pressedKeys.delete(event.code)) return; // pressed before control began
  session.sendKey(key, pressed);
}

function releaseKeys() {
  if (controlling()) for (const key of pressedKeys.values()) session.sendKey(key, false);
  pressedKeys.clear();
}

function pixelOf(event) {
  return picturePixelAt(event.clientX, event.clientY, el.canvas.getBoundingClientRect(), session.framebuffer);
}

function onPointer(event) {
  if (!controlling() || !session.framebuffer) return;
  const { x, y } = pixelOf(event);
  if (event.type === 'pointermove') {
    session.sendMove(x, y);
    return;
  }
  event.preventDefault();
  const pressed = event.type === 'pointerdown';
  if (pressed) {
    el.canvas.focus();
    el.canvas.setPointerCapture(event.pointerId);
  }
  session.sendMove(x, y);
  session.sendButton(event.button, pressed, x, y);
}

function onWheel(event) {
  if (!controlling() || !session.framebuffer) return;
  event.preventDefault();
  const { x, y } = pixelOf(event);
  const units = wheelNotchUnits(event);
  session.sendWheel(units.x, units.y, x, y);
}

// ---- the page ----

function start() {
  const remembered = localStorage.getItem(NAME_KEY);
  el.name.value = remembered ?? DEFAULT_NAME;
  if (remembered === null) {
    // The page joins at once (a link must just work); the name can follow.
    el.nameHint.textContent = `Others see you as "${DEFAULT_NAME}": type your name and press Rejoin.`;
  }
  el.nameForm.addEventListener('submit', (event) => {
    event.preventDefault();
    localStorage.setItem(NAME_KEY, displayName());
    el.nameHint.textContent = 'Others see this name; it is remembered in this browser.';
    rejoin();
  });
  el.scaling.addEventListener('click', () => {
    const oneToOne = view.scaling !== 'one-to-one';
    view.setScaling(oneToOne ? 'one-to-one' : 'fit');
    el.scaling.setAttribute('aria-pressed', String(oneToOne));
  });
  el.request.addEventListener('click', () => session?.requestControl());
  el.release.addEventListener('click', () => session?.releaseControl());
  window.addEventListener('keydown', onKey);
  window.addEventListener('keyup', onKey);
  window.addEventListener('blur', releaseKeys);
  for (const type of ['pointerdown', 'pointerup', 'pointermove']) el.canvas.addEventListener(type, onPointer);
  el.canvas.addEventListener('wheel', onWheel, { passive: false });
  el.canvas.addEventListener('contextmenu', (event) => { if (controlling()) event.preventDefault(); });
  window.addEventListener('pagehide', () => session?.leave());
  showFingerprint();
  if (!invite.sessionId) {
    pageState = 'ended';
    setStatus('This address names no session: open the invite link the host gave you.');
    return;
  }
  connect();
}

// What the end-to-end tests read (tests/app/tst_webviewer.cpp).
window.batonViewer = {
  get state() { return pageState; },
  get userId() { return session?.userId ?? 0; },
  get holdsFloor() { return Boolean(session?.holdsFloor); },
  get width() { return session?.framebuffer?.width ?? 0; },
  get height() { return session?.framebuffer?.height ?? 0; },
  get closeInfo() { return session?.closeInfo ?? null; },
  get stats() {
    const live = session && session.state !== 'ended' ? session.stats : null;
    const sum = (key) => totals[key] + (live?.[key] ?? 0);
    return {
      framesPresented: sum('framesPresented'),
      acksSent: sum('acksSent'),
      bytes: sum('bytesReceived'),
      videoPictures: totals.videoPictures + (live ? applier.stats.videoPictures : 0),
      // From the Hello, and on the page's clock (performance.now(): since navigation).
      firstPictureMs: session?.stats.firstPictureMs ?? -1,
      firstPictureAtMs: session?.stats.firstPictureAtMs ?? -1,
    };
  },
  /** The picture as {width, height, data: RGBA bytes (a copy)}. */
  pictureRGBA() {
    const picture = session?.framebuffer;
    if (!picture) return { width: 0, height: 0, data: new Uint8Array(0) };
    return { width: picture.width, height: picture.height, data: new Uint8Array(picture.data) };
  },
};

start();
