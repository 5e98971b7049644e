import { PNG } from 'pngjs';
import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE } from './icon-art';

/**
 * What Teams checks of the two icons on upload, checked here first so IT learns it from
 * `npm run package` instead of from a rejected upload: PNG, exact size, and for the outline
 * a transparent background with nothing but white on it.
 */

export type IconKind = 'color' | 'outline';

export const ICON_SIZES: Record<IconKind, number> = {
  color: COLOR_ICON_SIZE,
  outline: OUTLINE_ICON_SIZE,
};

/** Anti-aliased edges blend white into transparency; anything visibly tinted is not white. */
const WHITE_MIN = 0xf0;
/** Below this alpha a pixel is effectively invisible and its colour does not matter. */
const VISIBLE_ALPHA = 8;

/** Returns the problems found, in Dutch; empty when the icon is fine. */
export function checkIcon(kind: IconKind, bytes: Buffer): string[] {
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (error) {
    return [`geen geldig PNG-bestand (${error instanceof Error ? error.message : String(error)})`];
  }
  const problems: string[] = [];
  const size = ICON_SIZES[kind];
  if (png.width !== size || png.height !== size) {
    problems.push(`moet ${size}×${size} pixels zijn, is ${png.width}×${png.height}`);
  }
  if (kind === 'outline') {
    let transparent = 0;
    let coloured = 0;
    let visible = 0;
    // pngjs hands out RGBA for every colour type, tRNS transparency included.
    for (let offset = 0; offset < png.data.length; offset += 4) {
      const alpha = png.data[offset + 3] ?? 255;
      if (alpha === 0) transparent += 1;
      if (alpha < VISIBLE_ALPHA) continue;
      visible += 1;
      const r = png.data[offset] ?? 0;
      const g = png.data[offset + 1] ?? 0;
      const b = png.data[offset + 2] ?? 0;
      if (r < WHITE_MIN || g < WHITE_MIN || b < WHITE_MIN) coloured += 1;
    }
    if (transparent === 0) {
      problems.push('moet een transparante achtergrond hebben (geen enkele pixel is transparant)');
    }
    if (visible === 0) problems.push('is volledig transparant: er staat niets op');
    if (coloured > 0) {
      problems.push(`mag alleen wit bevatten op transparant (${coloured} pixels hebben een kleur)`);
    }
  }
  return problems;
}
