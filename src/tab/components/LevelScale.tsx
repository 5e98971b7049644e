import { makeStyles, mergeClasses, shorthands, tokens } from '@fluentui/react-components';
import { useI18n } from '../i18n';

const MAX_LEVEL = 3;

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
 * Level 2 of 3 as three dots, two of them filled. Filled and empty differ in shape (solid versus
 * outline), not only in colour; the graphic has an accessible name and the level is also
 * written out as text next to it by the caller.
 */
export function LevelScale(props: { level: number }) {
  const styles = useStyles();
  const { t } = useI18n();
  const steps = Array.from({ length: MAX_LEVEL }, (_, index) => index + 1);
  return (
    <span role="img" aria-label={t.level.scale(props.level, MAX_LEVEL)} className={styles.scale}>
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
