/**
 * Photos and screenshots are made smaller in the browser before they are uploaded: at most 1600 pixels on the long
 * side, encoded at quality 0.8, as JPEG, or as WebP when the image has transparent pixels (JPEG would turn them
 * black). Only JPEG, PNG and WebP that are not animated; the original is kept when the copy would not be smaller.
 * Decoding (`createImageBitmap`) and, where there is `OffscreenCanvas`, encoding run off the main thread.
 */
const SHRINKABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);
const MAX_SIDE = 1600;
const QUALITY = 0.8;
const HEADER_BYTES = 4096;

export function mayShrink(file) {
  return SHRINKABLE.has(file.type) && typeof createImageBitmap === 'function';
}

/** A smaller copy of the image as a File, or null when there is none to be had (not smaller, animated, unreadable). */
export async function shrinkImage(file) {
  if (!mayShrink(file) || await isAnimated(file)) {
    return null;
  }
  let bitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return null;
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = makeCanvas(width, height);
  const context = canvas.getContext('2d', {willReadFrequently: file.type !== 'image/jpeg'});
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const transparent = file.type !== 'image/jpeg' && hasTransparency(context, width, height);
  // A browser that cannot write WebP gives PNG instead, which keeps the transparency; the size check still applies.
  const blob = await encode(canvas, transparent ? 'image/webp' : 'image/jpeg');
  if (!blob || blob.size >= file.size) {
    return null;
  }
  return new File([blob], renamed(file.name, blob.type), {type: blob.type, lastModified: file.lastModified});
}

function makeCanvas(width, height) {
  if (typeof OffscreenCanvas === 'function') {
    return new OffscreenCanvas(width, height);
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function encode(canvas, type) {
  if (canvas.convertToBlob) {
    return canvas.convertToBlob({type, quality: QUALITY}).catch(() => null);
  }
  return new Promise(resolve => canvas.toBlob(resolve, type, QUALITY));
}

function hasTransparency(context, width, height) {
  const pixels = context.getImageData(0, 0, width, height).data;
  for (let i = 3; i < pixels.length; i += 4) {
    if (pixels[i] < 255) {
      return true;
    }
  }
  return false;
}

/** Animated WebP says so in its VP8X header; an animated PNG has an `acTL` chunk before its image data. */
async function isAnimated(file) {
  const bytes = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
  const text = String.fromCharCode(...bytes.subarray(0, 16));
  if (file.type === 'image/webp') {
    return text.slice(12, 16) === 'VP8X' && (bytes[20] & 0x02) !== 0;
  }
  if (file.type === 'image/png') {
    for (let i = 8; i + 4 <= bytes.length; i++) {
      if (bytes[i] === 0x61 && bytes[i + 1] === 0x63 && bytes[i + 2] === 0x54 && bytes[i + 3] === 0x4c) {
        return true;
      }
    }
  }
  return false;
}

function renamed(name, type) {
  const extension = {'image/jpeg': '.jpg', 'image/webp': '.webp', 'image/png': '.png'}[type] ?? '';
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name || 'image'}${extension}`;
}
