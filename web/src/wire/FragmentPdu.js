// A data PDU whose body does not fit one frame travels as Fragment PDUs (docs/protocol.md
// §8.6), a port of core/protocol/FragmentPdu: payloadId(2) | index(2) | count(2) |
// innerPduType2(1) | pad(1) | totalLength(4) | chunk (the rest of the PDU).

import { ErrorCode, refuse } from './ProtocolError.js';
import { kMaxUserDataBytes } from './Framing.js';
import { PduType2 } from './PduTypes.js';

export const kFragmentHeaderBytes = 12;
export const kMaxReassembledBytes = 8 * 1024 * 1024;
/** The largest chunk that keeps a Fragment ASPDU within one frame. */
export const kMaxChunkBytes = kMaxUserDataBytes - 18 - kFragmentHeaderBytes;
export const kMaxFragmentCount = Math.ceil(kMaxReassembledBytes / kMaxChunkBytes);

// A payload that fits one frame is never fragmented, and fragments never nest.
function validFragment(f) {
  return f.count >= 2 && f.count <= kMaxFragmentCount && f.index < f.count &&
    f.innerPduType2 !== PduType2.Fragment && f.chunk.length > 0 &&
    f.chunk.length <= f.totalLength && f.totalLength <= kMaxReassembledBytes;
}

export const Fragment = {
  type2: PduType2.Fragment,
  read(r) {
    const at = r.offset;
    const pdu = { type: 'Fragment', payloadId: r.u16(), index: r.u16(), count: r.u16(),
      innerPduType2: r.u8() };
    r.zeros(1, 'fragment pad');
    pdu.totalLength = r.u32();
    if (pdu.totalLength > kMaxReassembledBytes)
      refuse(ErrorCode.TooLarge, at + 8, 'fragment totalLength');
    pdu.chunk = r.bytes(r.remaining);
    if (!validFragment(pdu))
      refuse(ErrorCode.BadValue, at, 'fragment');
    return pdu;
  },
  write(w, pdu) {
    if (!validFragment(pdu))
      w.fail(ErrorCode.BadValue, 'fragment');
    w.u16(pdu.payloadId);
    w.u16(pdu.index);
    w.u16(pdu.count);
    w.u8(pdu.innerPduType2);
    w.u8(0);
    w.u32(pdu.totalLength);
    w.bytes(pdu.chunk);
  },
};
