// Why a connection ends (docs/protocol.md §13), as core/protocol/CloseReason.h: the u16 of
// Goodbye and RosterLeave, and the sentence a person is shown for it.

export const CloseReason = Object.freeze({
  Unknown: 0,
  HostEnded: 1, // the host stopped sharing
  ViewerLeft: 2, // the viewer chose to leave
  WrongPasscode: 3,
  RateLimited: 4, // too many wrong passcodes from this address
  ProtocolError: 5, // the peer sent something that does not decode
  VersionMismatch: 6,
  Kicked: 7, // the host removed this viewer
  Timeout: 8, // the peer stopped answering
  WindowClosed: 9, // the shared window went away
  SessionNotFound: 10, // the invite names a session this host is not running
  SessionFull: 11, // the host accepts no more viewers
  TooSlow: 12, // the viewer could not keep up, even with catch-up refreshes
  CertificateMismatch: 13, // local only
  ConnectionLost: 14, // local only: the connection broke without a Goodbye
  InternalError: 15,
  HostBusy: 16, // the host is handling too many connections now; retrying later works
});

const kSentences = new Map([
  [CloseReason.HostEnded, 'The host ended the session.'],
  [CloseReason.ViewerLeft, 'The viewer left the session.'],
  [CloseReason.WrongPasscode,
    'The passcode is wrong. Check the invite link or ask the host for the passcode.'],
  [CloseReason.RateLimited,
    'Too many wrong passcodes were tried from this address; wait a minute and try again.'],
  [CloseReason.ProtocolError,
    'The other side sent data Baton cannot understand, so the connection was closed.'],
  [CloseReason.VersionMismatch,
    'The host and the viewer run incompatible versions of Baton; update the older one.'],
  [CloseReason.Kicked, 'The host removed you from the session.'],
  [CloseReason.Timeout, 'The other side stopped responding.'],
  [CloseReason.WindowClosed, 'The shared window was closed, so the session ended.'],
  [CloseReason.SessionNotFound,
    'This host is not running the session named in the invite link; ask for a new link.'],
  [CloseReason.SessionFull, 'The session has no room for more viewers.'],
  [CloseReason.TooSlow, 'The connection was too slow to keep up with the shared window.'],
  [CloseReason.CertificateMismatch,
    "The host's certificate does not match the invite link; the connection may be " +
    'intercepted, so Baton refused it.'],
  [CloseReason.ConnectionLost, 'The network connection was lost.'],
  [CloseReason.InternalError,
    'The other side hit an internal error and closed the connection.'],
  [CloseReason.HostBusy,
    'The host is busy with too many connections right now; try again in a few seconds.'],
]);

/** A sentence a person can read, for any value (a newer peer may send one we lack). */
export function describeCloseReason(reason) {
  return kSentences.get(reason) ??
    'The connection was closed for a reason this version of Baton does not know.';
}

/** False for values this version does not define (they still travel unchanged). */
export function isKnownCloseReason(reason) {
  return kSentences.has(reason);
}
