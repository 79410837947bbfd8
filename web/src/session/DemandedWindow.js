// What a DemandActive asks of the viewer's picture, a port of core/viewer/DemandedWindow:
// the shared window's size from the (last) Bitmap capability set, judged against the
// PictureLimit before anything is allocated.

/** @typedef {'Accepted' | 'NoSize' | 'TooLarge'} WindowVerdict */

/**
 * @param {{capabilities: {kind: string, desktopWidth?: number, desktopHeight?: number}[]}} demand
 * @param {import('./PictureLimit.js').PictureLimit} limit
 * @returns {{verdict: WindowVerdict, widthPx: number, heightPx: number}}
 */
export function demandedWindow(demand, limit) {
  let bitmap = null;
  for (const set of demand.capabilities) {
    if (set.kind === 'Bitmap') bitmap = set;
  }
  if (!bitmap || bitmap.desktopWidth === 0 || bitmap.desktopHeight === 0)
    return { verdict: 'NoSize', widthPx: 0, heightPx: 0 };
  const widthPx = bitmap.desktopWidth;
  const heightPx = bitmap.desktopHeight;
  return { verdict: limit.accepts(widthPx, heightPx) ? 'Accepted' : 'TooLarge', widthPx, heightPx };
}
