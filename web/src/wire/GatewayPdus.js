// Gateway member PDUs (docs/protocol.md §11.1), a port of core/protocol/GatewayPdus. They
// pass only between a gateway viewer and the host; the browser viewer neither sends nor
// receives them, but the wire library reads every PDU the protocol defines.

import { PduType2 } from './PduTypes.js';
import { kMaxNameBytes } from './HandshakePdus.js';

export const kMaxAddressBytes = 64;

export const GatewayMemberJoin = {
  type2: PduType2.GatewayMemberJoin,
  read(r) {
    const key = r.u16();
    r.zeros(2, 'member join pad');
    const name = r.utf8WithLength16(kMaxNameBytes, 'member name');
    const address = r.utf8WithLength16(kMaxAddressBytes, 'member address');
    return { type: 'GatewayMemberJoin', key, name, address };
  },
  write(w, pdu) {
    w.u16(pdu.key);
    w.u16(0);
    w.utf8WithLength16(pdu.name, kMaxNameBytes, 'member name');
    w.utf8WithLength16(pdu.address, kMaxAddressBytes, 'member address');
  },
};

export const GatewayMemberAdmit = {
  type2: PduType2.GatewayMemberAdmit,
  read(r) {
    const key = r.u16();
    const userId = r.u16();
    const reason = r.u16();
    r.zeros(2, 'member admit pad');
    return { type: 'GatewayMemberAdmit', key, userId, reason };
  },
  write(w, pdu) {
    w.u16(pdu.key);
    w.u16(pdu.userId);
    w.u16(pdu.reason);
    w.u16(0);
  },
};

export const GatewayMemberLeave = {
  type2: PduType2.GatewayMemberLeave,
  read(r) {
    return { type: 'GatewayMemberLeave', userId: r.u16(), reason: r.u16() };
  },
  write(w, pdu) {
    w.u16(pdu.userId);
    w.u16(pdu.reason);
  },
};
