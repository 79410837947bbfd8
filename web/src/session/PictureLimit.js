// The largest picture of the shared window this viewer accepts, a port of
// core/viewer/PictureLimit: a DemandActive names the window's size and the viewer
// allocates that picture (4 bytes a pixel) at once, so one PDU must not make a browser tab
// allocate 16384×16384 pixels. Checked at every activation before anything is allocated
// (docs/sessions.md, "Picture limit"); the defaults are the native viewer's.

export class PictureLimit {
  static DEFAULT_MAX_SIDE_PX = 15360;
  static DEFAULT_MAX_PIXELS = 15360 * 4320;

  constructor({ maxSidePx = PictureLimit.DEFAULT_MAX_SIDE_PX,
    maxPixels = PictureLimit.DEFAULT_MAX_PIXELS } = {}) {
    this.maxSidePx = maxSidePx;
    this.maxPixels = maxPixels;
  }

  /** @param {number} widthPx @param {number} heightPx */
  accepts(widthPx, heightPx) {
    return widthPx >= 1 && heightPx >= 1 && widthPx <= this.maxSidePx &&
      heightPx <= this.maxSidePx && widthPx * heightPx <= this.maxPixels;
  }
}
