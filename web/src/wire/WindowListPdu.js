// The window list (docs/protocol.md §12), host → all, a port of core/protocol/WindowListPdu:
// windowCount(2) | pad2(2) | records, topmost first; each windowId(4) | ownerId(4) |
// flags(4) | x(i32) | y(i32) | width(2) | height(2) | title (str16 ≤ 1024).

import { PduType2 } from './PduTypes.js';

export const WindowFlags = Object.freeze({
  Shared: 0x01,
  Minimized: 0x02,
  Maximized: 0x04,
  Topmost: 0x08,
  Focused: 0x10,
  FullScreen: 0x20,
  ShareArea: 0x40, // 1.2: not a window but the share's picture on the desktop
  Popup: 0x80, // 1.2: a menu, list, tooltip or drag icon
});
export const kMaxWindows = 256;
export const kMaxTitleBytes = 1024;

export const WindowList = {
  type2: PduType2.WindowList,
  read(r) {
    const kMinRecordBytes = 26;
    const count = r.count(r.u16(), kMaxWindows, kMinRecordBytes, 'windowCount');
    r.zeros(2, 'window list pad');
    const windows = [];
    for (let i = 0; i < count; ++i) {
      windows.push({ windowId: r.u32(), ownerId: r.u32(), flags: r.u32(), x: r.i32(), y: r.i32(),
        width: r.u16(), height: r.u16(),
        title: r.utf8WithLength16(kMaxTitleBytes, 'window title') });
    }
    return { type: 'WindowList', windows };
  },
  write(w, pdu) {
    w.count16(pdu.windows.length, kMaxWindows, 'windowCount');
    w.zeros(2);
    for (const window of pdu.windows) {
      w.u32(window.windowId);
      w.u32(window.ownerId);
      w.u32(window.flags);
      w.i32(window.x);
      w.i32(window.y);
      w.u16(window.width);
      w.u16(window.height);
      w.utf8WithLength16(window.title, kMaxTitleBytes, 'window title');
    }
  },
};
