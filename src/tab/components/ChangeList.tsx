import type { Change } from '../../domain/diff';
import { formatIsoDate } from '../../domain/dates';
import { describeChange, useI18n } from '../i18n';
import { Heading, type HeadingLevel } from './Heading';

/**
 * The structural diff as a list (the approval page, the role page); before/after shown as text,
 * never markup. Shared by features, so it lives here rather than in one of them.
 */
export function ChangeList(props: { changes: readonly Change[] }) {
  const { t, locale } = useI18n();
  const strings = t.approval.changes;
  if (props.changes.length === 0) return <p>{strings.none}</p>;
  return (
    <ul aria-label={strings.label}>
      {props.changes.map((change, index) => (
        <li key={index}>
          {describeChange(change, locale)}
          {'before' in change &&
            'after' in change &&
            typeof change.before === 'string' &&
            typeof change.after === 'string' && (
              <>
                : <del>{change.before}</del> → <ins>{change.after}</ins>
              </>
            )}
        </li>
      ))}
    </ul>
  );
}

/**
 * "Gewijzigd sinds de goedkeuring van …" with what changed, for everyone who may see the role.
 * Nothing at all when there is nothing to list: that heading never stands above "Geen
 * wijzigingen".
 */
export function ChangesSinceApproval(props: {
  approvedDate: string;
  changes: readonly Change[];
  headingLevel: HeadingLevel;
  headingId?: string;
}) {
  const { t, locale } = useI18n();
  if (props.changes.length === 0) return null;
  return (
    <>
      <Heading level={props.headingLevel} {...(props.headingId ? { id: props.headingId } : {})}>
        {t.approval.page.changesSince(formatIsoDate(props.approvedDate, locale))}
      </Heading>
      <ChangeList changes={props.changes} />
    </>
  );
}
