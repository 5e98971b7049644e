import type { Change } from '../../../domain/diff';
import { describeChange, useI18n } from '../../i18n';

/** The structural diff as a list a director reads; before/after shown as text, never markup. */
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
