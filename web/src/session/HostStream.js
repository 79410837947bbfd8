// The host's bytes, one PDU at a time: what core/net/Connection does with received bytes
// on a viewer (wire/ViewerStream does the same a whole chunk at a time). The session needs
// it frame by frame because a DemandActive changes the share id that the fast-path updates
// right behind it in the same message are read with; decoding the whole message first
// would take those updates for stale ones.

import { SendDataKind } from '../wire/Framing.js';
import { FrameStream } from '../wire/FrameStream.js';
import { PduDecoder } from '../wire/PduDecoder.js';
import { ErrorCode, ProtocolError } from '../wire/ProtocolError.js';
import { kHostUserId, StreamId } from '../wire/PduTypes.js';

// FrameStream holds at most 1 MiB undecoded; a WebSocket message may be larger, so it is
// fed in slices, each decoded before the next goes in.
const SLICE_BYTES = 64 * 1024;

export class HostStream {
  #frames = new FrameStream({ acceptFastPath: true });
  #decoder = new PduDecoder();
  /** @type {Uint8Array[]} */
  #chunks = [];
  #queuedBytes = 0;
  #hostUserId = kHostUserId;
  #shareId = 0;

  /** Bytes received and not decoded yet. */
  get queuedBytes() { return this.#queuedBytes + this.#frames.pendingBytes; }

  /** @param {Uint8Array} bytes */
  push(bytes) {
    if (bytes.length === 0) return;
    this.#chunks.push(bytes);
    this.#queuedBytes += bytes.length;
  }

  /** The host's user id, from the Welcome: the source of every fast-path PDU. */
  setHostUserId(userId) {
    this.#hostUserId = userId;
    this.#updateContext();
  }

  /** The active share's id (0 while none is): fast-path updates carry no share id. */
  setFastPathShareId(shareId) {
    this.#shareId = shareId;
    this.#updateContext();
  }

  /**
   * The next whole PDU, or null when more bytes are needed; throws ProtocolError for
   * anything that does not decode.
   * @returns {{context: {source: number, shareId: number, stream: number}, body: object} | null}
   */
  next() {
    for (;;) {
      const frame = this.#frames.next();
      if (frame === null) {
        if (this.#chunks.length === 0) return null;
        this.#feed();
        continue;
      }
      const fastPath = frame.header.kind === SendDataKind.FastPath;
      if (!fastPath && frame.header.kind !== SendDataKind.Indication) {
        throw new ProtocolError(null,
          { code: ErrorCode.UnknownType, offset: 7, what: 'Send-Data Request from the host' });
      }
      const pdu = this.#decoder.decodeFrame(frame);
      if (pdu !== null) return pdu; // else a fragment of a larger PDU
    }
  }

  #feed() {
    const chunk = this.#chunks[0];
    const slice = chunk.subarray(0, SLICE_BYTES);
    if (slice.length === chunk.length) this.#chunks.shift();
    else this.#chunks[0] = chunk.subarray(SLICE_BYTES);
    this.#queuedBytes -= slice.length;
    this.#frames.push(slice);
  }

  #updateContext() {
    this.#decoder.setFastPathContext({ source: this.#hostUserId, shareId: this.#shareId,
      stream: StreamId.Low });
  }
}

