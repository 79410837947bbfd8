// The PDUs a viewer sends, built as core/net/ViewerConnector and core/viewer/ViewerSession
// build them (their contexts as core/net/Connection::sendPdu gives them), and the frame
// each travels in: everything goes to the host's channel as a Send-Data Request (§4).

import { defaultCapability } from './Capabilities.js';
import { CloseReason } from './CloseReason.js';
import { SendDataKind } from './Framing.js';
import { HelloFeature } from './HandshakePdus.js';
import { encodePduFrame } from './PduEncoder.js';
import { kProtocolMajor, kProtocolMinor, kUnassignedUserId, StreamId } from './PduTypes.js';

/** Every feature a ViewerSession announces (core/viewer/ViewerSession.cpp, plus input). */
export const kViewerFeatures = HelloFeature.FrameAck | HelloFeature.Input |
  HelloFeature.Fragments | HelloFeature.FastPath | HelloFeature.TileCache;

/** The first PDU, before the viewer has a user id. codecIds: the codecs it decodes. */
export function helloPdu({ sessionId, displayName, passcode = '', software, codecIds = [],
  featureFlags = kViewerFeatures }) {
  return {
    context: { source: kUnassignedUserId, shareId: 0, stream: StreamId.Medium },
    body: { type: 'Hello', versionMajor: kProtocolMajor, versionMinor: kProtocolMinor,
      featureFlags, codecIds: [...codecIds], sessionId, displayName, passcode, software },
  };
}

/**
 * The answer to a DemandActive whose picture (width × height) the viewer accepted:
 * General with its defaults, Bitmap with the picture's size, Share with the viewer's id.
 */
export function confirmActivePdu({ userId, hostUserId, shareId, width, height }) {
  const bitmap = { ...defaultCapability('Bitmap'), desktopWidth: width, desktopHeight: height };
  const share = { ...defaultCapability('Share'), nodeId: userId };
  // A share control PDU: its share id is a body field, the context's decodes as 0.
  return {
    context: { source: userId, shareId: 0, stream: StreamId.Medium },
    body: { type: 'ConfirmActive', shareId, originatorId: hostUserId, sourceDescriptor: 'Baton',
      capabilities: [defaultCapability('General'), bitmap, share] },
  };
}

function fromViewer({ userId, shareId }, body, stream = StreamId.Medium) {
  return { context: { source: userId, shareId, stream }, body };
}

/** Every frame up to frameId is presented (AckPacer's Ack: queueDepth 0). */
export function frameAckPdu({ frameId, queueDepth = 0, heldMs }, ids) {
  return fromViewer(ids, { type: 'FrameAck', frameId, queueDepth, heldMs });
}

export function floorRequestPdu(controlGeneration, ids) {
  return fromViewer(ids, { type: 'FloorRequest', requesterId: ids.userId, controlGeneration });
}

export function floorReleasePdu(controlGeneration, ids) {
  return fromViewer(ids, { type: 'FloorRelease', controlGeneration });
}

export function floorPassToPdu(targetId, controlGeneration, ids) {
  return fromViewer(ids, { type: 'FloorPassTo', targetId, controlGeneration });
}

/** events: {eventTimeMs, event}[] (at most 256; split longer runs as ViewerSession does). */
export function inputPdu(events, ids) {
  return fromViewer(ids, { type: 'Input', events }, StreamId.High);
}

/** The last PDU before the viewer closes; message: UTF-8 of at most 512 bytes. */
export function goodbyePdu(reason = CloseReason.ViewerLeft, message = '', { userId }) {
  return fromViewer({ userId, shareId: 0 }, { type: 'Goodbye', reason, message }, StreamId.High);
}

/** The frame a viewer sends pdu in: a Send-Data Request to the host's channel. */
export function viewerFrame(pdu, hostUserId) {
  return encodePduFrame(SendDataKind.Request, hostUserId, pdu);
}
