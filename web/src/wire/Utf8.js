// Baton's strings (docs/protocol.md, conventions): UTF-8 in shortest forms, no surrogates,
// nothing above U+10FFFF and no NUL, exactly as core/protocol/Utf8.cpp accepts.

import { ErrorCode, ProtocolError, refuse } from './ProtocolError.js';
import { CloseReason } from './CloseReason.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** Whether bytes are UTF-8 a Baton peer accepts (RFC 3629 and no NUL). */
export function isValidUtf8(bytes) {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead === 0)
      return false;
    if (lead < 0x80) {
      ++i;
      continue;
    }
    let extra;
    let codePoint;
    if ((lead & 0xE0) === 0xC0) {
      extra = 1;
      codePoint = lead & 0x1F;
    } else if ((lead & 0xF0) === 0xE0) {
      extra = 2;
      codePoint = lead & 0x0F;
    } else if ((lead & 0xF8) === 0xF0) {
      extra = 3;
      codePoint = lead & 0x07;
    } else {
      return false;
    }
    if (extra >= bytes.length - i)
      return false;
    for (let k = 1; k <= extra; ++k) {
      const next = bytes[i + k];
      if ((next & 0xC0) !== 0x80)
        return false;
      codePoint = (codePoint << 6) | (next & 0x3F);
    }
    const minimum = [0, 0x80, 0x800, 0x10000][extra];
    if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
      return false;
    i += extra + 1;
  }
  return true;
}

/** The text of bytes; throws ProtocolError (BadValue at offset) unless isValidUtf8. */
export function decodeUtf8(bytes, offset = 0, what = 'UTF-8') {
  if (!isValidUtf8(bytes))
    refuse(ErrorCode.BadValue, offset, what);
  return decoder.decode(bytes);
}

/**
 * The UTF-8 of text; throws ProtocolError (reason InternalError: our own value, not the
 * peer's) for text a peer would refuse: lone surrogates or NUL.
 */
export function encodeUtf8(text, what = 'UTF-8') {
  if (typeof text !== 'string' || !text.isWellFormed() || text.includes('\0')) {
    throw new ProtocolError(null, { reason: CloseReason.InternalError, code: ErrorCode.BadValue,
      what });
  }
  return encoder.encode(text);
}

/** The longest prefix of text whose UTF-8 fits maxBytes, cut between characters. */
export function truncateUtf8(text, maxBytes) {
  const bytes = encoder.encode(text);
  if (bytes.length <= maxBytes)
    return text;
  let end = maxBytes;
  while (end > 0 && (bytes[end] & 0xC0) === 0x80)
    --end;
  return decoder.decode(bytes.subarray(0, end));
}
