import type { Change } from '../../../domain/diff';

/** The structural diff as a list a director reads; before/after shown as text, never markup. */
export function ChangeList(props: { changes: readonly Change[] }) {
  if (props.changes.length === 0) return <p>Geen wijzigingen.</p>;
  return (
    <ul aria-label="Wijzigingen">
      {props.changes.map((change, index) => (
        <li key={index}>
          {change.summary}
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
