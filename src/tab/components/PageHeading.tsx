import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useRef, type ReactNode } from 'react';
import { useNavigation } from './navigation';

const useStyles = makeStyles({
  heading: {
    ...typographyStyles.title2,
    margin: 0,
    overflowWrap: 'anywhere',
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: tokens.spacingHorizontalXXS,
    },
  },
});

/**
 * The view's h1. After an in-app navigation it takes focus, so a keyboard or screen-reader user
 * lands on the new page instead of on a button that no longer exists.
 */
export function PageHeading(props: { children: ReactNode; id?: string }) {
  const styles = useStyles();
  const { moved } = useNavigation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (moved) ref.current?.focus();
  }, [moved]);
  return (
    <h1 ref={ref} id={props.id} tabIndex={-1} className={styles.heading}>
      {props.children}
    </h1>
  );
}
