// The browser viewer's wire protocol in one import; README.md says what each name is.

export { kMaxSourceDescriptorBytes } from './ActivationPdus.js';
export {
  CapabilityType, CodecId, ControlPriority, defaultCapability, findCapability,
  InputCapabilityFlags, kMaxCapabilitySets, kMaxCodecPropertiesBytes, kMaxCodecs,
} from './Capabilities.js';
export { CloseReason, describeCloseReason, isKnownCloseReason } from './CloseReason.js';
export {
  ControlAction, FloorDecision, FloorDecisionReason, FloorRevokeReason, kMaxFloorQueue,
} from './ControlPdus.js';
export { kMaxChunkBytes, kMaxReassembledBytes } from './FragmentPdu.js';
export {
  DataPriority, decodeFrame, encodeFastPathFrame, encodeFrame, kMaxFrameBytes,
  kMaxUserDataBytes, kMinFastPathFrameBytes, kMinFrameBytes, SendDataKind,
} from './Framing.js';
export { FrameStream, kMaxPendingBytes } from './FrameStream.js';
export {
  HelloFeature, kMaxGoodbyeMessageBytes, kMaxNameBytes, kMaxPasscodeBytes, kMaxSessionIdBytes,
  kMaxSoftwareBytes, Role,
} from './HandshakePdus.js';
export {
  ExtendedMouseFlags, InputMessageType, KeyboardFlags, kMaxInputEvents, MouseFlags, WheelFlags,
} from './InputPdus.js';
export { decodeDataBody, decodePdu, PduDecoder } from './PduDecoder.js';
export { encodeDataBody, encodePdu, encodePduFrame } from './PduEncoder.js';
export {
  isFastPathType, kBroadcastChannelId, kFirstViewerUserId, kHostUserId, kProtocolMajor,
  kProtocolMinor, kUnassignedUserId, PduType, PduType2, StreamId,
} from './PduTypes.js';
export {
  pointerAndMaskBytes, PointerMessageType, pointerXorMaskBytes, SystemPointer,
} from './PointerPdus.js';
export { ErrorCode, ProtocolError } from './ProtocolError.js';
export { Reassembler } from './Reassembler.js';
export { FloorState } from './RosterPdus.js';
export {
  FrameMarkerAction, kMaxCacheHits, kMaxTiles, TileCache, TileFlags, VideoFlags,
} from './SurfacePdus.js';
export { BitmapFlags, rawBitmapBytes, UpdateType } from './UpdatePdus.js';
export { decodeUtf8, encodeUtf8, isValidUtf8, truncateUtf8 } from './Utf8.js';
export {
  confirmActivePdu, floorPassToPdu, floorReleasePdu, floorRequestPdu, frameAckPdu, goodbyePdu,
  helloPdu, inputPdu, kViewerFeatures, viewerFrame,
} from './ViewerMessages.js';
export { kMaxTitleBytes, kMaxWindows, WindowFlags } from './WindowListPdu.js';
