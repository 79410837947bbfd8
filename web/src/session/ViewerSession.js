// One browser viewer's side of a share, a port of core/viewer/ViewerSession and the
// viewer half of core/net/ViewerConnector and Connection: Hello → Welcome, activation
// (DemandActive → ConfirmActive, the share id that makes older updates stale), the picture
// (UpdateApplier), batches presented at their End (or alone, a TileUpdate or TileCacheHits
// with a frame id outside Begin/End), FrameAck paced by AckPacer, the roster, the floor,
// the pointer, the shared windows and Goodbye. Anything the host sends that does not decode
// or does not fit ends the session with ProtocolError and the reason; so does a window
// larger than the PictureLimit, before its picture is allocated.
//
// It runs over any transport with send(Uint8Array) and close(); the page passes a
// WebSocket's. Received bytes go in through received(), the transport's end through
// transportClosed(). PDUs are handled strictly in order, one at a time (a video picture
// decodes asynchronously), so nothing depends on how the bytes were split into messages.

import { AckPacer } from './AckPacer.js';
import { demandedWindow } from './DemandedWindow.js';
import { HostStream } from './HostStream.js';
import { buttonEvents, keyEvents, moveEvents, wheelEvents } from './InputWire.js';
import { PictureLimit } from './PictureLimit.js';
import { pointerImageOf } from './PointerImage.js';
import { Roster } from './Roster.js';
import { SharedWindowList } from './SharedWindowList.js';
import { CloseReason, describeCloseReason } from '../wire/CloseReason.js';
import { ControlAction } from '../wire/ControlPdus.js';
import { kMaxInputEvents } from '../wire/InputPdus.js';
import { kHostUserId, kProtocolMajor, kUnassignedUserId } from '../wire/PduTypes.js';
import { SystemPointer } from '../wire/PointerPdus.js';
import { ProtocolError } from '../wire/ProtocolError.js';
import { FrameMarkerAction } from '../wire/SurfacePdus.js';
import { truncateUtf8 } from '../wire/Utf8.js';
import {
  confirmActivePdu, floorPassToPdu, floorReleasePdu, floorRequestPdu, frameAckPdu, goodbyePdu,
  helloPdu, inputPdu, viewerFrame,
} from '../wire/ViewerMessages.js';

/**
 * Why and by whom the session ended (core/net/CloseInfo): origin 'local' (this side closed
 * it and told the host), 'peer' (the host said Goodbye) or 'transport' (the connection
 * broke without a word); text is the reason's sentence and the detail, for the page.
 * @typedef {{reason: number, origin: 'local'|'peer'|'transport', detail: string, text: string}} CloseInfo
 */

const POINTER_PDUS = new Set(['PointerSystem', 'PointerPosition', 'PointerNew']);
const ROSTER_PDUS = new Set(['RosterJoin', 'RosterLeave', 'RosterName', 'RosterRole']);
const MAX_GOODBYE_MESSAGE_BYTES = 512;
// From start() to the Welcome, as ViewerOptions::timeoutMs; the host's own deadline is 10 s.
const HANDSHAKE_TIMEOUT_MS = 15000;
// Bytes received and not handled yet. The host's window keeps it far below this (8
// batches, 3 MiB); more means the page stopped keeping up, or a host gone wrong.
const MAX_QUEUED_BYTES = 64 * 1024 * 1024;

/** The sentence a person reads for a reason, with the detail after it. */
export function closeText(reason, detail) {
  const sentence = describeCloseReason(reason);
  return detail ? `${sentence} (${detail})` : sentence;
}

export class ViewerSession {
  /**
   * @param {object} options
   * @param {{send(bytes: Uint8Array): void, close(): void}} options.transport
   * @param {string} options.sessionId
   * @param {string} options.displayName
   * @param {string} [options.passcode]
   * @param {string} options.software
   * @param {number[]} options.codecIds the codecs this viewer decodes
   * @param {{resize(w: number, h: number): void, apply(pdu: object): Promise<string>,
   *   takeDamage(): object[], framebuffer: object, stats: object}} options.applier
   * @param {PictureLimit} [options.pictureLimit]
   * @param {() => number} [options.now] a monotonic clock in milliseconds
   * @param {{setTimeout: Function, clearTimeout: Function}} [options.timers]
   */
  constructor({ transport, sessionId, displayName, passcode = '', software, codecIds, applier,
    pictureLimit = new PictureLimit(), now = () => performance.now(),
    timers = { setTimeout: globalThis.setTimeout.bind(globalThis),
      clearTimeout: globalThis.clearTimeout.bind(globalThis) } }) {
    this.transport_ = transport;
    this.hello_ = { sessionId, displayName, passcode, software, codecIds };
    this.applier_ = applier;
    this.pictureLimit = pictureLimit;
    this.now_ = now;
    this.timers_ = timers;
    this.stream_ = new HostStream();
    this.ackPacer_ = new AckPacer();
    this.ackTimer_ = null;
    this.handshakeTimer_ = null;
    this.listeners_ = new Map();
    this.pumping_ = false;
    /** The transport's end, once it came: final when the bytes before it are handled. */
    this.transportEnd_ = null;

    /** @type {'idle' | 'connecting' | 'joined' | 'ended'} */
    this.state = 'idle';
    this.userId = 0;
    this.hostUserId = kHostUserId;
    this.hostName = '';
    this.roster = new Roster();
    this.windows = new SharedWindowList();
    /** The host's pointer: position, shape (null: the default arrow), hot spot. */
    this.pointer = { x: 0, y: 0, visible: false, image: null, hotX: 0, hotY: 0 };
    /** Who holds the floor (the host's user id when no viewer does), its grant, who waits. */
    this.floorHolder = 0;
    this.floorGeneration = 0;
    /** @type {number[]} */
    this.floorQueue = [];
    this.shareId = 0;
    this.active = false;
    /** @type {CloseInfo | null} */
    this.closeInfo = null;
    /** The size of a window larger than the PictureLimit, which ended the session. */
    this.refusedWindowSize = null;
    this.stats = { framesPresented: 0, acksSent: 0, bytesReceived: 0, staleUpdatesDropped: 0,
      firstPictureMs: -1, firstPictureAtMs: -1, startedMs: 0 };
    this.inFrame_ = false;
  }

  /** The picture: {width, height, data} RGBA, or null before the first activation. */
  get framebuffer() { return this.applier_.framebuffer; }
  get holdsFloor() { return this.userId !== 0 && this.floorHolder === this.userId; }

  /**
   * Listens to one of: joined, resized (width, height), framePresented (damage, frameId),
   * rosterChanged, pointerChanged, windowsChanged, floorChanged, floorDecision ({decision,
   * reason}), floorRevoked (reason), controlOffered, ended (CloseInfo; exactly once).
   */
  on(event, listener) {
    if (!this.listeners_.has(event)) this.listeners_.set(event, []);
    this.listeners_.get(event).push(listener);
  }

  /** The transport is open: says Hello. */
  start() {
    if (this.state !== 'idle') return;
    this.state = 'connecting';
    this.stats.startedMs = this.now_();
    this.handshakeTimer_ = this.timers_.setTimeout(() => {
      this.close(CloseReason.Timeout, `no answer from the host within ${HANDSHAKE_TIMEOUT_MS / 1000} s`);
    }, HANDSHAKE_TIMEOUT_MS);
    try {
      this.send_(helloPdu({ ...this.hello_ }), kHostUserId);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.close(CloseReason.InternalError, 'the Hello does not encode (display name or passcode too long?)');
    }
  }

  /** Says goodbye (ViewerLeft); ended follows. */
  leave() { this.close(CloseReason.ViewerLeft); }

  /** Bytes from the host, however the transport split them. @param {ArrayBuffer|Uint8Array} data */
  received(data) {
    if (this.state === 'ended') return;
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    this.stats.bytesReceived += bytes.length;
    this.stream_.push(bytes);
    if (this.stream_.queuedBytes > MAX_QUEUED_BYTES) {
      this.close(CloseReason.TooSlow, `more than ${MAX_QUEUED_BYTES >> 20} MiB received and not handled`);
      return;
    }
    if (!this.pumping_) this.pump_();
  }

  /**
   * The transport ended; without a Goodbye first, the connection was lost. Bytes received
   * before are handled first: the host's Goodbye may be among them (a video picture still
   * decoding delays them).
   */
  transportClosed(detail = '') {
    if (this.state === 'ended') return;
    this.transportEnd_ = { reason: CloseReason.ConnectionLost, origin: 'transport', detail };
    if (!this.pumping_) this.finish_(this.transportEnd_);
  }

  /** Ends the session from this side: Goodbye(reason, detail), then the transport closes. */
  close(reason, detail = '') {
    if (this.state === 'ended') return;
    try {
      const userId = this.userId || kUnassignedUserId;
      this.send_(goodbyePdu(reason, truncateUtf8(detail, MAX_GOODBYE_MESSAGE_BYTES), { userId }));
    } catch {
      // A transport that can no longer send: the host learns of it from the closing socket.
    }
    this.transport_.close();
    this.finish_({ reason, origin: 'local', detail });
  }

  // ---- floor and input ----

  /** Asks for the floor (also accepts an offer, see controlOffered). */
  requestControl() {
    if (this.state === 'joined') this.send_(floorRequestPdu(this.floorGeneration, this.ids_()));
  }

  /** Gives the floor back, declines an offer, or withdraws a request. */
  releaseControl() {
    if (this.state === 'joined') this.send_(floorReleasePdu(this.floorGeneration, this.ids_()));
  }

  passControlTo(userId) {
    if (this.state === 'joined') this.send_(floorPassToPdu(userId, this.floorGeneration, this.ids_()));
  }

  /** A key (KeyMap's scancode) pressed or released; false, nothing sent, without the floor. */
  sendKey(key, pressed) { return this.sendInput_(keyEvents(key, pressed)); }
  /** The pointer moved to (x, y), in the picture's pixels. */
  sendMove(x, y) { return this.sendInput_(moveEvents(x, y)); }
  /** A MouseEvent.button pressed or released at (x, y). */
  sendButton(button, pressed, x, y) { return this.sendInput_(buttonEvents(button, pressed, x, y)); }
  /** A wheel rotation in 1/120 notch units (positive right and away from the user). */
  sendWheel(deltaX, deltaY, x, y) { return this.sendInput_(wheelEvents(deltaX, deltaY, x, y)); }

  sendInput_(events) {
    if (this.state !== 'joined' || !this.holdsFloor || events.length === 0) return false;
    const eventTimeMs = Math.trunc(this.now_()) >>> 0;
    for (let begin = 0; begin < events.length; begin += kMaxInputEvents) {
      const chunk = events.slice(begin, begin + kMaxInputEvents).map((event) => ({ eventTimeMs, event }));
      this.send_(inputPdu(chunk, this.ids_()));
    }
    return true;
  }

  // ---- receiving ----

  async pump_() {
    this.pumping_ = true;
    try {
      while (this.state !== 'ended') {
        const pdu = this.stream_.next();
        if (pdu === null) break;
        await this.onPdu_(pdu);
      }
    } catch (error) {
      if (error instanceof ProtocolError) {
        this.close(error.reason, `protocol error: ${error.message}`);
      } else {
        this.close(CloseReason.InternalError, String(error?.message ?? error));
      }
    } finally {
      this.pumping_ = false;
      if (this.transportEnd_) this.finish_(this.transportEnd_);
    }
  }

  async onPdu_(pdu) {
    const body = pdu.body;
    if (body.type === 'Goodbye') {
      this.transport_.close();
      this.finish_({ reason: body.reason, origin: 'peer', detail: body.message });
      return;
    }
    if (this.state === 'connecting') {
      this.onWelcome_(body);
      return;
    }
    switch (body.type) {
      case 'DemandActive':
        this.activate_(body);
        return;
      case 'DeactivateAll':
        this.active = false;
        this.stream_.setFastPathShareId(0);
        return;
      case 'FrameMarker':
        if (this.active && pdu.context.shareId === this.shareId) this.onFrameMarker_(body);
        return;
      case 'WindowList':
        this.windows.apply(body);
        this.emit_('windowsChanged');
        return;
      default:
        break;
    }
    if (this.onFloorPdu_(body)) return;
    if (ROSTER_PDUS.has(body.type)) {
      if (this.roster.apply(body)) this.emit_('rosterChanged');
      return;
    }
    if (POINTER_PDUS.has(body.type)) {
      this.onPointer_(body);
      return;
    }
    // Updates of an earlier share generation (before a resize) are stale: dropped.
    if (!this.active || pdu.context.shareId !== this.shareId) {
      ++this.stats.staleUpdatesDropped;
      return;
    }
    // A TileUpdate or TileCacheHits with a frame id outside Begin/End is a whole picture
    // by itself (docs/protocol.md §16.2).
    const loneFrameId = (body.type === 'TileUpdate' || body.type === 'TileCacheHits') ? body.frameId : 0;
    const selfContained = loneFrameId !== 0 && !this.inFrame_;
    await this.applier_.apply(body);
    if (selfContained && this.state === 'joined') this.present_(loneFrameId);
  }

  onWelcome_(body) {
    if (body.type !== 'Welcome') {
      this.close(CloseReason.ProtocolError, "protocol error: the host's first PDU is not a Welcome");
      return;
    }
    if (body.versionMajor !== kProtocolMajor) {
      this.close(CloseReason.VersionMismatch, `host speaks protocol ${body.versionMajor}.${body.versionMinor}`);
      return;
    }
    this.timers_.clearTimeout(this.handshakeTimer_);
    this.handshakeTimer_ = null;
    this.userId = body.userId;
    this.hostUserId = body.hostUserId;
    this.hostName = body.hostName;
    this.floorHolder = body.hostUserId;
    this.stream_.setHostUserId(body.hostUserId);
    this.state = 'joined';
    this.emit_('joined');
  }

  activate_(demand) {
    const window = demandedWindow(demand, this.pictureLimit);
    if (window.verdict === 'NoSize') {
      this.close(CloseReason.ProtocolError, 'protocol error: the share was activated without a window size');
      return;
    }
    if (window.verdict === 'TooLarge') {
      // The viewer leaves rather than allocate the picture.
      this.refusedWindowSize = { width: window.widthPx, height: window.heightPx };
      this.close(CloseReason.ProtocolError, `protocol error: the shared window is ${window.widthPx}x${window.heightPx} ` +
        `pixels, larger than this viewer accepts (at most ${this.pictureLimit.maxSidePx} pixels a side ` +
        `and ${this.pictureLimit.maxPixels} pixels in all)`);
      return;
    }
    const picture = this.applier_.framebuffer;
    if (!picture || picture.width !== window.widthPx || picture.height !== window.heightPx) {
      this.applier_.resize(window.widthPx, window.heightPx);
      this.emit_('resized', window.widthPx, window.heightPx);
    }
    if (this.windows.setPictureSize(window.widthPx, window.heightPx)) this.emit_('windowsChanged');
    this.shareId = demand.shareId;
    this.active = true;
    this.inFrame_ = false;
    this.stream_.setFastPathShareId(this.shareId);
    this.send_(confirmActivePdu({ userId: this.userId, hostUserId: this.hostUserId,
      shareId: demand.shareId, width: window.widthPx, height: window.heightPx }));
  }

  onFrameMarker_(marker) {
    if (marker.action === FrameMarkerAction.Begin) {
      this.inFrame_ = true;
      return;
    }
    this.inFrame_ = false;
    this.present_(marker.frameId);
  }

  /** A complete picture: the page draws its damage; acknowledged now or when AckPacer says. */
  present_(frameId) {
    const nowMs = this.now_();
    ++this.stats.framesPresented;
    if (this.stats.firstPictureMs < 0) {
      this.stats.firstPictureMs = nowMs - this.stats.startedMs;
      this.stats.firstPictureAtMs = nowMs;
    }
    this.emit_('framePresented', this.applier_.takeDamage(), frameId);
    const ack = this.ackPacer_.presented(frameId, nowMs, this.stats.bytesReceived);
    if (ack) {
      this.sendAck_(ack);
    } else if (this.ackTimer_ === null) {
      this.ackTimer_ = this.timers_.setTimeout(() => {
        this.ackTimer_ = null;
        const held = this.ackPacer_.release(this.now_());
        if (held) this.sendAck_(held);
      }, Math.max(0, this.ackPacer_.dueAtMs() - nowMs));
    }
  }

  sendAck_(ack) {
    if (this.ackTimer_ !== null) {
      this.timers_.clearTimeout(this.ackTimer_);
      this.ackTimer_ = null;
    }
    if (this.state !== 'joined') return;
    this.send_(frameAckPdu({ frameId: ack.frameId, queueDepth: 0, heldMs: ack.heldMs }, this.ids_()));
    ++this.stats.acksSent;
  }

  onPointer_(body) {
    const pointer = this.pointer;
    if (body.type === 'PointerSystem') {
      pointer.visible = body.pointer !== SystemPointer.Hidden;
      if (body.pointer === SystemPointer.Default) pointer.image = null;
    } else if (body.type === 'PointerPosition') {
      pointer.x = body.x;
      pointer.y = body.y;
      pointer.visible = true;
    } else {
      pointer.image = pointerImageOf(body);
      pointer.hotX = body.attribute.hotSpotX;
      pointer.hotY = body.attribute.hotSpotY;
    }
    this.emit_('pointerChanged');
  }

  onFloorPdu_(body) {
    switch (body.type) {
      case 'Control':
        if (body.action === ControlAction.GrantedControl) {
          this.floorHolder = body.grantId;
          this.floorGeneration = body.controlId;
          this.emit_('floorChanged');
        }
        return true;
      case 'FloorQueueState':
        this.floorHolder = body.holderId;
        this.floorGeneration = body.controlGeneration;
        this.floorQueue = [...body.queue];
        this.emit_('floorChanged');
        return true;
      case 'FloorDecision':
        this.emit_('floorDecision', { decision: body.decision, reason: body.reason });
        return true;
      case 'FloorRevoke':
        if (body.holderId === this.userId) this.emit_('floorRevoked', body.reason);
        return true;
      case 'FloorPassTo':
        if (body.targetId === this.userId) this.emit_('controlOffered');
        return true;
      case 'RosterFloorState':
        this.roster.apply(body);
        this.emit_('rosterChanged');
        return true;
      default:
        return false;
    }
  }

  // ---- plumbing ----

  ids_() { return { userId: this.userId, shareId: this.shareId }; }

  send_(pdu, hostUserId = this.hostUserId) {
    this.transport_.send(viewerFrame(pdu, hostUserId));
  }

  emit_(event, ...args) {
    for (const listener of this.listeners_.get(event) ?? []) listener(...args);
  }

  finish_({ reason, origin, detail }) {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.active = false;
    for (const timer of [this.ackTimer_, this.handshakeTimer_])
      if (timer !== null) this.timers_.clearTimeout(timer);
    this.ackTimer_ = this.handshakeTimer_ = null;
    this.closeInfo = { reason, origin, detail, text: closeText(reason, detail) };
    this.emit_('ended', this.closeInfo);
  }
}
