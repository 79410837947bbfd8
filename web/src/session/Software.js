// What the page says it is in Hello's software field: "Baton web <version> (<browser>
// <major version>)", within the field's 64 bytes. The browser is read from the user
// agent string only for the roster and the host's log; nothing depends on it.

import { kBatonVersion } from './Version.js';
import { kMaxSoftwareBytes } from '../wire/HandshakePdus.js';
import { truncateUtf8 } from '../wire/Utf8.js';

// Most specific first: Edge and Opera also say Chrome, Chrome also says Safari.
const BROWSERS = [
  ['Edge', /\bEdg\/(\d+)/], ['Opera', /\bOPR\/(\d+)/], ['Firefox', /\bFirefox\/(\d+)/],
  ['Chromium', /\bChromium\/(\d+)/], ['Chrome', /\b(?:Headless)?Chrome\/(\d+)/],
  ['Safari', /\bVersion\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//],
];

/** "Firefox 130", "Chrome 120"…; "unknown browser" when none matches. */
export function browserOf(userAgent) {
  for (const [name, pattern] of BROWSERS) {
    const match = pattern.exec(userAgent);
    if (match) return `${name} ${match[1]}`;
  }
  return 'unknown browser';
}

export function softwareOf(userAgent) {
  return truncateUtf8(`Baton web ${kBatonVersion} (${browserOf(userAgent)})`, kMaxSoftwareBytes);
}
