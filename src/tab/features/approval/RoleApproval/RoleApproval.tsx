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
import { parseSnapshot } from '../../../../graph/approval-service';
import type { DecisionRecord } from '../../../../graph/model';
import { useNavigation } from '../../../components/navigation';
import { ChangeList } from '../changes';
import { ConfirmDialog } from '../ConfirmDialog/ConfirmDialog';
import { ContentView } from '../ApprovalPage/ApprovalPage';
import {
  failureMessage,
  useApprovalPort,
  useRoleHistory,
  useSubmitForApproval,
} from '../approval-data';

const useStyles = makeStyles({
  panel: { marginBlockStart: tokens.spacingVerticalXXL },
  actions: { marginBlock: tokens.spacingVerticalM },
});

const INVALID: Record<'not-approver' | 'imported' | 'duplicate', string> = {
  'not-approver': 'ongeldig: niet genomen door een lid van de goedkeurders, telt niet mee',
  imported: 'historisch besluit (geïmporteerd): telt niet mee als goedkeuring in de Functiewijzer',
  duplicate: 'ongeldig: over deze aanvraag was al beslist, telt niet mee',
};

/**
 * Under a role: "Ter goedkeuring voorleggen" for HR, the drift since the last approval, and the
 * history of requests and decisions with each approved snapshot viewable.
 */
export function RoleApproval(props: { roleKey: string; canSubmit: boolean; canApprove: boolean }) {
  const styles = useStyles();
  const port = useApprovalPort();
  const navigation = useNavigation();
  const history = useRoleHistory(props.roleKey);
  const submit = useSubmitForApproval(props.roleKey);
  const [confirming, setConfirming] = useState(false);
  const [snapshot, setSnapshot] = useState<DecisionRecord | null>(null);
  if (!port) return null;

  const data = history.data;
  const openRequest = data?.status.kind === 'pending' ? data.status.requestId : null;
  return (
    <section className={styles.panel} aria-labelledby="goedkeuringsverloop">
      <h2 id="goedkeuringsverloop">Goedkeuringsverloop</h2>
      {props.canSubmit && (
        <div className={styles.actions}>
          <Button
            appearance="primary"
            icon={<SendRegular />}
            onClick={() => setConfirming(true)}
            disabled={submit.isPending}
          >
            Ter goedkeuring voorleggen
          </Button>
        </div>
      )}
      {submit.isError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{failureMessage(submit.error)}</MessageBarBody>
        </MessageBar>
      )}
      {submit.isSuccess && (
        <MessageBar intent={submit.data.warnings.length > 0 ? 'warning' : 'success'}>
          <MessageBarBody>
            {['Voorgelegd ter goedkeuring.', ...submit.data.warnings].join(' ')}
          </MessageBarBody>
        </MessageBar>
      )}
      {props.canApprove && openRequest && (
        <Button onClick={() => navigation.navigate({ name: 'approval', requestId: openRequest })}>
          Bekijken en beslissen
        </Button>
      )}
      {history.isError && <p role="alert">{failureMessage(history.error)}</p>}
      {data?.changesSinceApproval && (
        <>
          <h3>Wijzigingen sinds de laatste goedkeuring</h3>
          <ChangeList changes={data.changesSinceApproval} />
        </>
      )}
      {data && (
        <>
          <h3>Geschiedenis</h3>
          {data.requests.length === 0 && data.decisions.length === 0 ? (
            <p>Nog nooit voorgelegd of beslist.</p>
          ) : (
            <ol aria-label="Geschiedenis van de goedkeuring">
              {[
                ...data.requests.map((r) => ({
                  at: r.createdAt,
                  key: `r${r.id}`,
                  node: (
                    <>
                      Voorgelegd door {r.createdBy.displayName} op{' '}
                      {formatIsoDate(r.createdAt, 'nl')}
                      {r.note ? ` — “${r.note}”` : ''} ({r.status === 'open' ? 'open' : 'gesloten'})
                    </>
                  ),
                })),
                ...data.decisions.map(({ decision: d, invalid }) => ({
                  at: d.decidedAt,
                  key: `d${d.id}`,
                  node: (
                    <>
                      {d.outcome === 'approved' ? 'Goedgekeurd' : 'Afgewezen'} door{' '}
                      {d.createdBy.displayName} op {formatIsoDate(d.decisionDate, 'nl')}
                      {d.reason ? ` — ${d.reason}` : ''}
                      {invalid ? ` (${INVALID[invalid]})` : ''}
                      {d.outcome === 'approved' && d.snapshot !== null && (
                        <>
                          {' '}
                          <Button size="small" onClick={() => setSnapshot(d)}>
                            Goedgekeurde versie bekijken
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
          title="Ter goedkeuring voorleggen?"
          description="De huidige versie gaat naar de algemeen directeur; in het kanaal verschijnt een kaart."
          confirmLabel="Voorleggen"
          textLabel="Toelichting (niet verplicht)"
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
              ? `Goedgekeurde versie van ${formatIsoDate(props.decision.decisionDate, 'nl')}`
              : ''}
          </DialogTitle>
          <DialogContent>
            {content ? (
              <ContentView content={content} />
            ) : (
              <p>Deze momentopname kan niet gelezen worden.</p>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onClose}>Sluiten</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
