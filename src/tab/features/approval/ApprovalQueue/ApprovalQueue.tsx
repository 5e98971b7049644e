import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { formatIsoDate } from '../../../../domain/dates';
import { useNavigation } from '../../../components/navigation';
import { failureMessage, useApprovalQueue } from '../approval-data';

const useStyles = makeStyles({
  queue: { marginBlockEnd: tokens.spacingVerticalXL },
});

/** "Te beslissen": the open requests, for approvers, above the catalogue. */
export function ApprovalQueue(props: { enabled: boolean }) {
  const styles = useStyles();
  const navigation = useNavigation();
  const queue = useApprovalQueue(props.enabled);
  if (!props.enabled) return null;
  return (
    <section className={styles.queue} aria-labelledby="te-beslissen">
      <h2 id="te-beslissen">Te beslissen</h2>
      {queue.isPending && <p>Aanvragen worden geladen…</p>}
      {queue.isError && <p role="alert">{failureMessage(queue.error)}</p>}
      {queue.data && queue.data.length === 0 && <p>Er liggen geen aanvragen ter goedkeuring.</p>}
      {queue.data && queue.data.length > 0 && (
        <ul>
          {queue.data.map((entry) => (
            <li key={entry.request.id}>
              <Button
                appearance="transparent"
                onClick={() =>
                  navigation.navigate({ name: 'approval', requestId: entry.request.id })
                }
              >
                {entry.roleTitle}
              </Button>{' '}
              — voorgelegd door {entry.request.createdBy.displayName} op{' '}
              {formatIsoDate(entry.request.createdAt, 'nl')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
