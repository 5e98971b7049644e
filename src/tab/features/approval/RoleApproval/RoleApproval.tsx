import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
} from '@fluentui/react-components';
import { SendRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { formatIsoDate } from '../../../../domain/dates';
import { parseSnapshot } from '../../../../services/catalogue/snapshot';
import type { DecisionRecord } from '../../../../graph/model';
import { useNavigation } from '../../../components/navigation';
import { ConfirmDialog } from '../ConfirmDialog/ConfirmDialog';
import { ContentView } from '../ApprovalPage/ApprovalPage';
import { useI18n } from '../../../i18n';
import {
  useApprovalPort,
  useFailureMessage,
  useRoleHistory,
  useSubmitForApproval,
} from '../approval-data';

const useStyles = makeStyles({
  panel: { marginBlockStart: tokens.spacingVerticalXXL },
  actions: { marginBlock: tokens.spacingVerticalM },
});

/**
 * Under a role: "Ter goedkeuring voorleggen" for HR, the drift since the last approval, and the
 * history of requests and decisions with each approved snapshot viewable.
 */
export function RoleApproval(props: { roleKey: string; canSubmit: boolean; canApprove: boolean }) {
  const styles = useStyles();
  const port = useApprovalPort();
  const navigation = useNavigation();
  const { t, locale } = useI18n();
  const r = t.approval.role;
  const failureMessage = useFailureMessage();
  const history = useRoleHistory(props.roleKey);
  const submit = useSubmitForApproval(props.roleKey);
  const [confirming, setConfirming] = useState(false);
  const [snapshot, setSnapshot] = useState<DecisionRecord | null>(null);
  if (!port) return null;

  const data = history.data;
  const openRequest = data?.status.kind === 'pending' ? data.status.requestId : null;
  return (
    <section className={styles.panel} aria-labelledby="goedkeuringsverloop">
      <h2 id="goedkeuringsverloop">{r.title}</h2>
      {props.canSubmit && (
        <div className={styles.actions}>
          <Button
            appearance="primary"
            icon={<SendRegular />}
            onClick={() => setConfirming(true)}
            disabled={submit.isPending}
          >
            {r.submit}
          </Button>
        </div>
      )}
      {submit.isError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{failureMessage(submit.error, 'submit')}</MessageBarBody>
        </MessageBar>
      )}
      {submit.isSuccess && (
        <MessageBar intent={submit.data.warnings.length > 0 ? 'warning' : 'success'}>
          <MessageBarBody>
            {[r.submitted, ...submit.data.warnings.map(t.approval.errors.warning)].join(' ')}
          </MessageBarBody>
        </MessageBar>
      )}
      {props.canApprove && openRequest && (
        <Button onClick={() => navigation.navigate({ name: 'approval', requestId: openRequest })}>
          {r.review}
        </Button>
      )}
      {history.isError && <p role="alert">{failureMessage(history.error, 'read')}</p>}
      {/* What changed since the approval is on the role page itself, for everyone (RolePage). */}
      {data && (
        <>
          <h3>{r.history}</h3>
          {data.requests.length === 0 && data.decisions.length === 0 ? (
            <p>{r.noHistory}</p>
          ) : (
            <ol aria-label={r.historyLabel}>
              {[
                ...data.requests.map((request) => ({
                  at: request.createdAt,
                  key: `r${request.id}`,
                  node: (
                    <>
                      {r.requested(
                        request.createdBy.displayName,
                        formatIsoDate(request.createdAt, locale),
                      )}
                      {request.note ? ` — “${request.note}”` : ''} (
                      {r.requestState(request.status === 'open')})
                    </>
                  ),
                })),
                ...data.decisions.map(({ decision: d, invalid, matchedByEmail }) => ({
                  at: d.decidedAt,
                  key: `d${d.id}`,
                  node: (
                    <>
                      {t.approval.decision(
                        d.outcome,
                        d.createdBy.displayName,
                        formatIsoDate(d.decisionDate, locale),
                      )}
                      {/* The maker counts by e-mail address only: said, as weaker evidence. */}
                      {matchedByEmail ? ` (${t.matchedByEmail})` : ''}
                      {d.reason ? ` — ${d.reason}` : ''}
                      {invalid ? ` (${r.invalid[invalid]})` : ''}
                      {d.outcome === 'approved' && d.snapshot !== null && (
                        <>
                          {' '}
                          <Button size="small" onClick={() => setSnapshot(d)}>
                            {r.viewSnapshot}
                          </Button>
                        </>
                      )}
                    </>
                  ),
                })),
              ]
                .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
                .map((entry) => (
                  <li key={entry.key}>{entry.node}</li>
                ))}
            </ol>
          )}
        </>
      )}

      {confirming && (
        <ConfirmDialog
          open
          title={r.confirmSubmitTitle}
          description={r.confirmSubmit}
          confirmLabel={r.confirmSubmitLabel}
          textLabel={r.note}
          busy={submit.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={(note) => {
            setConfirming(false);
            submit.mutate(note);
          }}
        />
      )}
      {snapshot && <SnapshotDialog decision={snapshot} onClose={() => setSnapshot(null)} />}
    </section>
  );
}

function SnapshotDialog(props: { decision: DecisionRecord | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const r = t.approval.role;
  const content = props.decision ? parseSnapshot(props.decision.snapshot) : null;
  return (
    <Dialog
      open={props.decision !== null}
      onOpenChange={(_, data) => !data.open && props.onClose()}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>
            {props.decision
              ? r.snapshotTitle(formatIsoDate(props.decision.decisionDate, locale))
              : ''}
          </DialogTitle>
          <DialogContent>
            {content ? <ContentView content={content} /> : <p>{r.snapshotUnreadable}</p>}
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onClose}>{r.close}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
