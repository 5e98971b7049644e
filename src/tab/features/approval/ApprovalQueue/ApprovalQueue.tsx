import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { formatIsoDate } from '../../../../domain/dates';
import { useNavigation } from '../../../components/navigation';
import { useI18n } from '../../../i18n';
import { useApprovalQueue, useFailureMessage } from '../approval-data';

const useStyles = makeStyles({
  queue: { marginBlockEnd: tokens.spacingVerticalXL },
});

/** "Te beslissen": the open requests, for approvers, above the catalogue. */
export function ApprovalQueue(props: { enabled: boolean }) {
  const styles = useStyles();
  const navigation = useNavigation();
  const { t, locale } = useI18n();
  const q = t.approval.queue;
  const failureMessage = useFailureMessage();
  const queue = useApprovalQueue(props.enabled);
  if (!props.enabled) return null;
  return (
    <section className={styles.queue} aria-labelledby="te-beslissen">
      <h2 id="te-beslissen">{q.title}</h2>
      {queue.isPending && <p>{q.loading}</p>}
      {queue.isError && <p role="alert">{failureMessage(queue.error, 'read')}</p>}
      {queue.data && queue.data.length === 0 && <p>{q.empty}</p>}
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
              {`— ${q.submittedBy(
                entry.request.createdBy.displayName,
                formatIsoDate(entry.request.createdAt, locale),
              )}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
