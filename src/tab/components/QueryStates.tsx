import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Skeleton,
  SkeletonItem,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useEffect, useState, type ReactNode } from 'react';
import { errorKind, type ErrorKind } from '../data/errors';
import { useI18n, type Strings } from '../i18n';
import { useVisuallyHiddenStyles } from './visually-hidden';

const useStyles = makeStyles({
  skeleton: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    paddingBlock: tokens.spacingVerticalM,
  },
  row: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    paddingBlock: tokens.spacingVerticalXL,
  },
  emptyTitle: { ...typographyStyles.subtitle2, margin: 0 },
  emptyHint: { margin: 0, color: tokens.colorNeutralForeground2 },
});

/** Placeholder rows while data loads; announced once as "Laden…". */
/**
 * After this long a skeleton alone looks like a hang: throttling or an outage is being ridden
 * out by the retries (which can take half a minute), so say so.
 */
export const SLOW_AFTER_MS = 5_000;

export function LoadingState(props: { rows?: number }) {
  const styles = useStyles();
  const hidden = useVisuallyHiddenStyles();
  const { t } = useI18n();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  const rows = Array.from({ length: props.rows ?? 5 }, (_, index) => index);
  return (
    <div role="status">
      {slow ? <p>{t.states.slow}</p> : <span className={hidden.root}>{t.states.loading}</span>}
      <Skeleton aria-label={t.states.loading} className={styles.skeleton}>
        {rows.map((row) => (
          <div key={row} className={styles.row}>
            <SkeletonItem size={20} style={{ width: '60%' }} />
            <SkeletonItem size={12} style={{ width: '85%' }} />
          </div>
        ))}
      </Skeleton>
    </div>
  );
}

function errorText(kind: ErrorKind, t: Strings): string {
  switch (kind) {
    case 'not-found':
      return t.states.errors.notFound;
    case 'forbidden':
      return t.states.errors.forbidden;
    case 'unauthorized':
      return t.states.errors.unauthorized;
    case 'throttled':
      return t.states.errors.throttled;
    case 'network':
      return t.states.errors.network;
    default:
      return t.states.errors.other;
  }
}

/** What went wrong in words, and a retry button where retrying can help. */
export function ErrorState(props: { error: unknown; onRetry: () => void; retrying?: boolean }) {
  const { t } = useI18n();
  const kind = errorKind(props.error);
  const canRetry = kind !== 'not-found';
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>{errorText(kind, t)}</MessageBarBody>
      {canRetry && (
        <MessageBarActions>
          <Button
            icon={<ArrowClockwiseRegular />}
            onClick={props.onRetry}
            disabled={props.retrying === true}
          >
            {t.states.retry}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

export function EmptyState(props: { title: string; hint?: string; action?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.empty}>
      <p className={styles.emptyTitle}>{props.title}</p>
      {props.hint && <p className={styles.emptyHint}>{props.hint}</p>}
      {props.action}
    </div>
  );
}
