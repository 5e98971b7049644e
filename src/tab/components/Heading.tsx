import { makeStyles, typographyStyles } from '@fluentui/react-components';
import type { ReactNode } from 'react';

export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

const useStyles = makeStyles({
  base: { margin: 0, overflowWrap: 'anywhere' },
  2: typographyStyles.subtitle1,
  3: typographyStyles.subtitle2,
  4: typographyStyles.body1Strong,
  5: typographyStyles.body1Strong,
  6: typographyStyles.body1Strong,
});

/**
 * A heading whose level follows the document outline (a cluster heading exists only when the
 * document has clusters), so the outline never skips a level.
 */
export function Heading(props: { level: HeadingLevel; id?: string; children: ReactNode }) {
  const styles = useStyles();
  const Tag = `h${props.level}` as const;
  return (
    <Tag id={props.id} className={`${styles.base} ${styles[props.level]}`}>
      {props.children}
    </Tag>
  );
}

export function nextLevel(level: HeadingLevel): HeadingLevel {
  return level >= 6 ? 6 : ((level + 1) as HeadingLevel);
}
