// The shared application's windows as the viewer shows them, from the host's WindowList
// (docs/protocol.md §12), a port of core/viewer/SharedWindowList: topmost first, in the
// picture's pixels, clipped to it. The page hatches what no window covers, as the desktop
// viewer does.
//
// A 1.2 host lists every window and closes the list with its ShareArea record; a 1.1 host
// lists the one window, which then fills the picture (whatever size the latest activation
// gave it). Nothing in a record is trusted: rectangles are clipped to the share area,
// windows outside it are dropped, and the list never holds more than kMaxWindows - 1
// windows. Until the first list it holds none.

import { kMaxWindows, WindowFlags } from '../wire/WindowListPdu.js';

/**
 * @typedef {{id: number, ownerId: number, kind: 'main'|'window'|'popup',
 *   x: number, y: number, width: number, height: number, title: string, focused: boolean}} SharedWindow
 */

const clamp = (value, low, high) => Math.min(Math.max(value, low), high);

export class SharedWindowList {
  /** @type {SharedWindow[]} */
  windows = [];
  /** The main window's title. */
  title = '';
  /** Whether the main window is hidden (minimised): the host then sends no updates. */
  hidden = false;

  #listed = false;
  #fillsPicture = true;
  #filling = { id: 0, focused: false };
  #pictureWidth = 0;
  #pictureHeight = 0;

  /**
   * Takes the host's latest list; true when windows, title or hidden changed.
   * @param {{windows: {windowId: number, ownerId: number, flags: number, x: number,
   *   y: number, width: number, height: number, title: string}[]}} pdu
   */
  apply(pdu) {
    const before = this.#snapshot();
    this.#listed = true;
    const area = pdu.windows.find((record) => record.flags & WindowFlags.ShareArea);
    if (!area) {
      // A 1.1 host: its one shared window (the last, as 1.1 viewers read it) is the picture.
      this.#fillsPicture = true;
      for (const record of pdu.windows) {
        if (!(record.flags & WindowFlags.Shared)) continue;
        this.#filling = { id: record.windowId, focused: Boolean(record.flags & WindowFlags.Focused) };
        this.title = record.title;
        this.hidden = Boolean(record.flags & WindowFlags.Minimized);
      }
      this.#fillPicture();
      return this.#snapshot() !== before;
    }
    this.#fillsPicture = false;
    this.title = area.title;
    this.hidden = Boolean(area.flags & WindowFlags.Minimized);
    this.windows = [];
    for (const record of pdu.windows) {
      // Other programs' windows, hidden ones and further share areas are not in the picture.
      if (!(record.flags & WindowFlags.Shared) ||
        (record.flags & (WindowFlags.ShareArea | WindowFlags.Minimized))) continue;
      if (this.windows.length === kMaxWindows - 1) break;
      const left = clamp(record.x - area.x, 0, area.width);
      const top = clamp(record.y - area.y, 0, area.height);
      const right = clamp(record.x - area.x + record.width, 0, area.width);
      const bottom = clamp(record.y - area.y + record.height, 0, area.height);
      if (right <= left || bottom <= top) continue;
      let kind = record.flags & WindowFlags.Popup ? 'popup' : 'window';
      if (record.windowId === area.windowId) kind = 'main';
      this.windows.push({ id: record.windowId, ownerId: record.ownerId, kind, x: left, y: top,
        width: right - left, height: bottom - top, title: record.title,
        focused: Boolean(record.flags & WindowFlags.Focused) });
    }
    return this.#snapshot() !== before;
  }

  /** The picture's size after an activation; true when windows changed. */
  setPictureSize(width, height) {
    this.#pictureWidth = width;
    this.#pictureHeight = height;
    if (!this.#fillsPicture) return false;
    const before = this.#snapshot();
    this.#fillPicture();
    return this.#snapshot() !== before;
  }

  #fillPicture() {
    this.windows = [];
    if (!this.#listed || this.#pictureWidth <= 0 || this.#pictureHeight <= 0) return;
    this.windows.push({ id: this.#filling.id, ownerId: 0, kind: 'main', x: 0, y: 0,
      width: this.#pictureWidth, height: this.#pictureHeight, title: this.title,
      focused: this.#filling.focused });
  }

  #snapshot() {
    return JSON.stringify({ windows: this.windows, title: this.title, hidden: this.hidden });
  }
}
