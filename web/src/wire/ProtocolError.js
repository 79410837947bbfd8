// Why bytes from the peer were refused: what every decoder of this folder throws, and
// nothing else. A port of core/protocol/ProtocolError.h; the session turns one into
// Goodbye(reason, message) and closes the connection.

import { CloseReason } from './CloseReason.js';

/** The kinds of refusal, as core/protocol/ProtocolError.h's ErrorCode. */
export const ErrorCode = Object.freeze({
  Truncated: 'Truncated', // fewer bytes than a field or a declared length needs
  LengthMismatch: 'LengthMismatch', // two lengths that must agree do not (or bytes left over)
  TooLarge: 'TooLarge', // a length or count beyond the limits in docs/protocol.md
  UnknownType: 'UnknownType', // a type, version or selector this implementation does not know
  BadValue: 'BadValue', // a field outside its allowed values (reserved bits, bad UTF-8, ...)
  Unsupported: 'Unsupported', // valid T.128 that Baton does not carry (compression, ...)
});

const kCodeNames = {
  Truncated: 'truncated',
  LengthMismatch: 'lengths disagree',
  TooLarge: 'too large',
  UnknownType: 'unknown type',
  BadValue: 'bad value',
  Unsupported: 'unsupported',
};

/** "truncated at byte 12 (share data header)", as C++'s ProtocolError::toString(). */
export function describeError(code, offset, what) {
  const name = kCodeNames[code] ?? 'unknown error';
  return `${name} at byte ${offset}${what ? ` (${what})` : ''}`;
}

export class ProtocolError extends Error {
  /**
   * @param {string|null} message null: built from code, offset and what
   * @param {{reason?: number, code?: string, offset?: number, what?: string}} [options]
   */
  constructor(message, { reason = CloseReason.ProtocolError, code = ErrorCode.BadValue,
    offset = 0, what = '' } = {}) {
    super(message ?? describeError(code, offset, what));
    this.name = 'ProtocolError';
    /** @type {number} a CloseReason */
    this.reason = reason;
    this.code = code;
    this.offset = offset;
    this.what = what;
  }

  /** The same refusal found offsetDelta bytes further into an enclosing buffer. */
  shifted(offsetDelta) {
    return new ProtocolError(null, { reason: this.reason, code: this.code,
      offset: this.offset + offsetDelta, what: this.what });
  }
}

/** Throws the refusal code at offset: the one-line form decoders use. */
export function refuse(code, offset, what) {
  throw new ProtocolError(null, { code, offset, what });
}
