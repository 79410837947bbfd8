// PNG-style byte prediction of generic tiles (codecs/tile/RowFilters), undone in place.
import { RowFilter } from './TileFormat.js';

/**
 * Turns residuals back into bytes, in place. Zeros outside the tile.
 * @param {number} filter a RowFilter
 * @param {Uint8Array} rows
 * @param {number} rowBytes
 * @param {number} channels 3 or 4
 */
export function undoRowFilter(filter, rows, rowBytes, channels) {
  if (filter === RowFilter.None) return;
  const height = rows.length / rowBytes;
  for (let y = 0; y < height; ++y) {
    const row = y * rowBytes;
    const previous = row - rowBytes;
    if (filter === RowFilter.Sub) {
      for (let i = channels; i < rowBytes; ++i) rows[row + i] = (rows[row + i] + rows[row + i - channels]) & 0xff;
    } else if (filter === RowFilter.Up) {
      if (y > 0) {
        for (let i = 0; i < rowBytes; ++i) rows[row + i] = (rows[row + i] + rows[previous + i]) & 0xff;
      }
    } else if (y === 0) {
      // Gradient on the first row: nothing above, so it is Sub.
      for (let i = channels; i < rowBytes; ++i) rows[row + i] = (rows[row + i] + rows[row + i - channels]) & 0xff;
    } else {
      for (let i = 0; i < channels; ++i) rows[row + i] = (rows[row + i] + rows[previous + i]) & 0xff;
      for (let i = channels; i < rowBytes; ++i) {
        rows[row + i] =
          (rows[row + i] + rows[row + i - channels] + rows[previous + i] - rows[previous + i - channels]) & 0xff;
      }
    }
  }
}
