// Every PDU body this folder knows, by the type name its decoded object carries: what
// reads and writes it, and where it travels (pduType2 for data PDUs, pduType for the share
// control PDUs of activation).

import * as Activation from './ActivationPdus.js';
import * as Control from './ControlPdus.js';
import * as Fragment from './FragmentPdu.js';
import * as Gateway from './GatewayPdus.js';
import * as Handshake from './HandshakePdus.js';
import * as Input from './InputPdus.js';
import * as Pointer from './PointerPdus.js';
import * as Roster from './RosterPdus.js';
import * as Surface from './SurfacePdus.js';
import * as Update from './UpdatePdus.js';
import * as Windows from './WindowListPdu.js';

export const kCodecs = Object.freeze({
  Hello: Handshake.Hello,
  Welcome: Handshake.Welcome,
  Goodbye: Handshake.Goodbye,
  DemandActive: Activation.DemandActive,
  ConfirmActive: Activation.ConfirmActive,
  DeactivateAll: Activation.DeactivateAll,
  Control: Control.Control,
  Synchronize: Control.Synchronize,
  FloorRequest: Control.FloorRequest,
  FloorDecision: Control.FloorDecisionPdu,
  FloorPassTo: Control.FloorPassTo,
  FloorRelease: Control.FloorRelease,
  FloorRevoke: Control.FloorRevoke,
  FloorQueueState: Control.FloorQueueState,
  OrdersUpdate: Update.OrdersUpdate,
  BitmapUpdate: Update.BitmapUpdate,
  UpdateSynchronize: Update.UpdateSynchronize,
  TileUpdate: Surface.TileUpdate,
  VideoRegionUpdate: Surface.VideoRegionUpdate,
  TileCacheHits: Surface.TileCacheHits,
  FrameMarker: Surface.FrameMarker,
  FrameAck: Surface.FrameAck,
  Fragment: Fragment.Fragment,
  PointerSystem: Pointer.PointerSystem,
  PointerPosition: Pointer.PointerPosition,
  PointerColor: Pointer.PointerColor,
  PointerNew: Pointer.PointerNew,
  PointerCached: Pointer.PointerCached,
  Input: Input.Input,
  RosterJoin: Roster.RosterJoin,
  RosterLeave: Roster.RosterLeave,
  RosterName: Roster.RosterName,
  RosterRole: Roster.RosterRole,
  RosterFloorState: Roster.RosterFloorState,
  WindowList: Windows.WindowList,
  GatewayMemberJoin: Gateway.GatewayMemberJoin,
  GatewayMemberAdmit: Gateway.GatewayMemberAdmit,
  GatewayMemberLeave: Gateway.GatewayMemberLeave,
});

const codecs = Object.values(kCodecs);

/** pduType2 → the codec, or for Update and Pointer a map from the body's sub-type. */
export const kDataCodecs = new Map();
for (const codec of codecs.filter((c) => c.type2 !== undefined)) {
  const subType = codec.updateType ?? codec.messageType;
  if (subType === undefined) {
    kDataCodecs.set(codec.type2, codec);
  } else {
    if (!kDataCodecs.has(codec.type2))
      kDataCodecs.set(codec.type2, new Map());
    kDataCodecs.get(codec.type2).set(subType, codec);
  }
}

/** Share control pduType → the codec of an activation PDU. */
export const kControlCodecs = new Map(
  codecs.filter((c) => c.pduType !== undefined).map((c) => [c.pduType, c]));
