// The shared picture on the page: a canvas whose backing store is the picture (one canvas
// pixel per shared pixel) drawn from the session's RGBA framebuffer, damaged rectangles
// only; above it the hatch where no shared window is (as the desktop viewer draws it) and
// the host's pointer. The canvas itself holds exactly the framebuffer, so what a test
// reads back from it is the picture, not the decorations.

import { pictureCssSize } from '../session/PictureLayout.js';

// The desktop viewer's colours for what the picture shows of no shared window.
const UNSHARED = '#3c3c3c';
const HATCH = '#5a5a5a';
const HATCH_STEP_PX = 8;

export class PictureView {
  /**
   * @param {{stage: HTMLElement, picture: HTMLElement, canvas: HTMLCanvasElement,
   *   hatch: HTMLCanvasElement, pointer: HTMLCanvasElement}} elements
   */
  constructor(elements) {
    this.el = elements;
    this.context_ = elements.canvas.getContext('2d', { alpha: false });
    this.hatchContext_ = elements.hatch.getContext('2d');
    this.pointerContext_ = elements.pointer.getContext('2d');
    /** @type {import('../session/PictureLayout.js').Scaling} */
    this.scaling = 'fit';
    this.image_ = null;
    this.framebuffer_ = null;
    this.windows_ = [];
    this.pointer_ = null;
    this.pointerAsCursor_ = false;
    new ResizeObserver(() => this.layout()).observe(elements.stage);
    this.watchPixelRatio_();
  }

  /** The picture's size changed (a new, black framebuffer). */
  resize(framebuffer) {
    this.framebuffer_ = framebuffer;
    const { canvas, hatch, picture } = this.el;
    canvas.width = hatch.width = framebuffer.width;
    canvas.height = hatch.height = framebuffer.height;
    // Shares the framebuffer's bytes: putImageData reads the picture as it is now.
    this.image_ = new ImageData(framebuffer.data, framebuffer.width, framebuffer.height);
    picture.hidden = false;
    this.layout();
    this.draw([{ x: 0, y: 0, width: framebuffer.width, height: framebuffer.height }]);
    this.drawHatch_();
  }

  /** Copies the damaged rectangles of the framebuffer to the canvas. */
  draw(damage) {
    if (!this.image_) return;
    for (const r of damage) this.context_.putImageData(this.image_, 0, 0, r.x, r.y, r.width, r.height);
  }

  setScaling(scaling) {
    this.scaling = scaling;
    this.el.stage.classList.toggle('one-to-one', scaling === 'one-to-one');
    this.layout();
  }

  /** The shared windows changed: the hatch covers what none of them does. */
  setWindows(windows) {
    this.windows_ = windows;
    this.drawHatch_();
  }

  /**
   * The host's pointer, drawn over the picture; while this viewer holds the floor the
   * local pointer takes its shape instead (the overlay would lag a round trip behind it).
   */
  setPointer(pointer, asCursor) {
    this.pointer_ = pointer;
    this.pointerAsCursor_ = asCursor;
    this.drawPointer_();
  }

  layout() {
    const picture = this.framebuffer_;
    if (!picture) return;
    const stage = this.el.stage;
    const size = pictureCssSize(picture, { width: stage.clientWidth, height: stage.clientHeight },
      window.devicePixelRatio || 1, this.scaling);
    this.el.canvas.style.width = `${size.width}px`;
    this.el.canvas.style.height = `${size.height}px`;
    // Fitted pictures smaller than their pixels are smoothed; at 1:1 every pixel is exact.
    this.el.canvas.style.imageRendering = size.width * (window.devicePixelRatio || 1) < picture.width ? 'auto' : 'pixelated';
    this.placePointer_();
  }

  drawHatch_() {
    const picture = this.framebuffer_;
    const context = this.hatchContext_;
    if (!picture) return;
    context.clearRect(0, 0, picture.width, picture.height);
    // Before the host's first window list nothing is known: the picture shows as it is.
    if (this.windows_.length === 0) return;
    context.fillStyle = UNSHARED;
    context.fillRect(0, 0, picture.width, picture.height);
    context.strokeStyle = HATCH;
    context.lineWidth = 1;
    context.beginPath();
    for (let d = 0; d < picture.width + picture.height; d += HATCH_STEP_PX) {
      context.moveTo(d + 0.5, 0);
      context.lineTo(d - picture.height + 0.5, picture.height);
    }
    context.stroke();
    for (const w of this.windows_) context.clearRect(w.x, w.y, w.width, w.height);
  }

  drawPointer_() {
    const pointer = this.pointer_;
    const element = this.el.pointer;
    const canvas = this.el.canvas;
    if (!pointer || !this.framebuffer_) return;
    if (this.pointerAsCursor_) {
      element.classList.add('hidden');
      canvas.style.cursor = cursorOf(pointer);
      return;
    }
    canvas.style.cursor = 'default';
    element.classList.toggle('hidden', !pointer.visible);
    const context = this.pointerContext_;
    if (pointer.image) {
      element.width = pointer.image.width;
      element.height = pointer.image.height;
      context.putImageData(new ImageData(pointer.image.data, pointer.image.width, pointer.image.height), 0, 0);
    } else {
      element.width = 13;
      element.height = 18;
      drawArrow(context);
    }
    this.placePointer_();
  }

  placePointer_() {
    const pointer = this.pointer_;
    const picture = this.framebuffer_;
    if (!pointer || !picture) return;
    // The host's pointer shape is in the shared window's pixels: scaled like the picture.
    const scale = parseFloat(this.el.canvas.style.width) / picture.width;
    const hotX = pointer.image ? pointer.hotX : 0;
    const hotY = pointer.image ? pointer.hotY : 0;
    const left = (pointer.x - hotX) * scale;
    const top = (pointer.y - hotY) * scale;
    const size = pointer.image ? scale : 1;
    this.el.pointer.style.transform = `translate(${left}px, ${top}px) scale(${size})`;
  }

  watchPixelRatio_() {
    // A window moved to another screen, or zoomed: the 1:1 size in CSS pixels changes.
    const query = matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    query.addEventListener('change', () => {
      this.layout();
      this.watchPixelRatio_();
    }, { once: true });
  }
}

/** The host's pointer as a CSS cursor: its image as a data URL at its hot spot. */
function cursorOf(pointer) {
  if (!pointer.visible) return 'none';
  if (!pointer.image) return 'default';
  const canvas = document.createElement('canvas');
  canvas.width = pointer.image.width;
  canvas.height = pointer.image.height;
  canvas.getContext('2d').putImageData(
    new ImageData(pointer.image.data, pointer.image.width, pointer.image.height), 0, 0);
  return `url(${canvas.toDataURL()}) ${pointer.hotX} ${pointer.hotY}, default`;
}

/** The arrow drawn when the host sends no pointer shape, as the desktop viewer's. */
function drawArrow(context) {
  context.beginPath();
  context.moveTo(1, 1);
  context.lineTo(1, 17);
  context.lineTo(5, 13);
  context.lineTo(12, 13);
  context.closePath();
  context.fillStyle = '#000';
  context.strokeStyle = '#fff';
  context.fill();
  context.stroke();
}
