// The numbers that name PDUs, streams and well-known ids (core/protocol/PduTypes.h).

/** Share control header pduType, low nibble (T.128 8.3). Baton sends 1, 3, 6 and 7. */
export const PduType = Object.freeze({
  DemandActive: 1,
  RequestActive: 2,
  ConfirmActive: 3,
  DeactivateOther: 4,
  DeactivateSelf: 5,
  DeactivateAll: 6,
  Data: 7,
});

/** Share data header pduType2: T.128's below 0x40, Baton's private range 0xA0-0xBF. */
export const PduType2 = Object.freeze({
  Update: 0x02,
  Control: 0x14,
  Pointer: 0x1B,
  Input: 0x1C,
  Synchronize: 0x1F,
  Hello: 0xA0,
  Welcome: 0xA1,
  Goodbye: 0xA2,
  FloorRequest: 0xA3,
  FloorDecision: 0xA4,
  FloorPassTo: 0xA5,
  FloorRelease: 0xA6,
  FloorRevoke: 0xA7,
  FloorQueueState: 0xA8,
  FrameMarker: 0xA9,
  FrameAck: 0xAA,
  TileUpdate: 0xAB,
  VideoRegionUpdate: 0xAC,
  Fragment: 0xAD,
  TileCacheHits: 0xAE,
  RosterJoin: 0xB0,
  RosterLeave: 0xB1,
  RosterName: 0xB2,
  RosterRole: 0xB3,
  RosterFloorState: 0xB4,
  GatewayMemberJoin: 0xB5,
  GatewayMemberAdmit: 0xB6,
  GatewayMemberLeave: 0xB7,
  WindowList: 0xB8,
});

/** The data PDUs a host may send on the fast path (docs/protocol.md §2.1). */
export function isFastPathType(pduType2) {
  switch (pduType2) {
  case PduType2.Update:
  case PduType2.FrameMarker:
  case PduType2.TileUpdate:
  case PduType2.VideoRegionUpdate:
  case PduType2.Fragment:
  case PduType2.TileCacheHits:
    return true;
  default:
    return false;
  }
}

/** Share data header streamId: updates low, pointer and misc medium, input high. */
export const StreamId = Object.freeze({ Low: 1, Medium: 2, High: 4 });

export const kProtocolMajor = 1;
export const kProtocolMinor = 3;

// Well-known ids a Baton host assigns (docs/protocol.md §4); take the real ones from the
// Welcome.
export const kUnassignedUserId = 1001; // a joiner before Welcome
export const kHostUserId = 1002;
export const kBroadcastChannelId = 1003;
export const kFirstViewerUserId = 1004;
