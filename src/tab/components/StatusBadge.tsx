import { Badge, makeStyles, type BadgeProps } from '@fluentui/react-components';
import type { RoleStatus, StatusCheck } from '../../domain/status';
import { statusLabel, useI18n } from '../i18n';

const COLOR: Record<(RoleStatus | StatusCheck)['kind'], BadgeProps['color']> = {
  approved: 'success',
  pending: 'warning',
  changed: 'warning',
  rejected: 'danger',
  draft: 'informative',
  // Neutral: no colour may hint at a status that is not known yet.
  checking: 'subtle',
  unknown: 'subtle',
};

// A long label ("Gewijzigd sinds goedkeuring van …") must wrap at 360 px instead of overflowing.
const useStyles = makeStyles({
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', textAlign: 'start' },
});

/**
 * The derived status in words ("Goedgekeurd op 9 februari 2023"); the colour only repeats it.
 * A catalogue row whose status is still being checked says so ("Status wordt gecontroleerd…").
 */
export function StatusBadge(props: { status: RoleStatus | StatusCheck }) {
  const { locale } = useI18n();
  const styles = useStyles();
  return (
    <Badge
      className={styles.badge}
      appearance="tint"
      shape="rounded"
      color={COLOR[props.status.kind]}
    >
      {statusLabel(props.status, locale)}
    </Badge>
  );
}
