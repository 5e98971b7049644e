import { makeStyles, mergeClasses, shorthands, tokens } from '@fluentui/react-components';
import type { Locale } from '../../domain/dates';
import { levelName } from '../../domain/levels';
import { defaultLevelScale, type LevelScale as Scale } from '../../domain/schema';
import type { Strings } from '../../i18n';
import { useI18n } from '../i18n';

const useStyles = makeStyles({
  scale: {
    display: 'inline-flex',
    gap: tokens.spacingHorizontalXXS,
    verticalAlign: 'middle',
  },
  step: {
    width: '12px',
    height: '12px',
    borderRadius: tokens.borderRadiusCircular,
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStrokeAccessible),
    boxSizing: 'border-box',
    // Keep the dots' own colours in Windows high contrast, where the filled/empty shape matters.
    forcedColorAdjust: 'none',
    '@media (forced-colors: active)': { ...shorthands.borderColor('CanvasText') },
  },
  filled: {
    backgroundColor: tokens.colorBrandBackground,
    ...shorthands.borderColor(tokens.colorBrandBackground),
    '@media (forced-colors: active)': {
      backgroundColor: 'CanvasText',
      ...shorthands.borderColor('CanvasText'),
    },
  },
});

/**
 * A level in words, on the document's own scale: its title when the document names its levels
 * ("Niveau 2: Handelt binnen het team"), our names on 0–3 ("Niveau 2 (Gevorderd)"), else the
 * number and the scale ("Niveau 3 van 1–5").
 */
export function levelText(t: Strings, locale: Locale, scale: Scale, level: number): string {
  const name = levelName(scale, level, locale);
  switch (name.kind) {
    case 'title':
      return t.levelScales.titled(level, name.title);
    case 'ours':
      return t.level.named(level, name.name);
    case 'numbered':
      return t.levelScales.ofScale(level, name.lowest, name.highest);
  }
}

/**
 * Level 2 of 3 as three dots, two of them filled; on 1–5, five dots. Filled and empty differ in
 * shape (solid versus outline), not only in colour; the graphic has an accessible name and the
 * level is also written out as text next to it by the caller. Level 0 ("N.v.t.") has no dot.
 */
export function LevelScale(props: { level: number; scale?: Scale }) {
  const styles = useStyles();
  const { t } = useI18n();
  const scale = props.scale ?? defaultLevelScale();
  const first = Math.max(1, scale.lowest);
  const steps = Array.from({ length: scale.highest - first + 1 }, (_, index) => first + index);
  return (
    <span
      role="img"
      aria-label={t.level.scale(props.level, scale.highest)}
      className={styles.scale}
    >
      {steps.map((step) => (
        <span
          key={step}
          aria-hidden="true"
          className={mergeClasses(styles.step, step <= props.level && styles.filled)}
        />
      ))}
    </span>
  );
}
