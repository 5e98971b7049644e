import { Button, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { CheckmarkRegular, DismissRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { formatIsoDate } from '../../../../domain/dates';
import type { FunctionContent } from '../../../../domain/schema';
import { StatusBadge } from '../../../components/StatusBadge';
import { ErrorState, LoadingState } from '../../../components/QueryStates';
import { PageHeading } from '../../../components/PageHeading';
import { useReportReady } from '../../../components/ready';
import { ChangeList } from '../changes';
import { ConfirmDialog } from '../ConfirmDialog/ConfirmDialog';
import { failureMessage, useApprovalView, useDecide } from '../approval-data';

const useStyles = makeStyles({
  actions: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
    marginBlock: tokens.spacingVerticalL,
  },
  section: { marginBlockEnd: tokens.spacingVerticalL },
});

/**
 * The approval page, opened from the channel card's deep link or the "Te beslissen" queue: what
 * HR submitted, what changed since the last approval, and — for approvers only — the decision.
 */
export function ApprovalPage(props: { requestId: string; canApprove: boolean }) {
  const styles = useStyles();
  const view = useApprovalView(props.requestId);
  const roleKey = view.data?.role.key ?? '';
  const decide = useDecide(roleKey);
  const [dialog, setDialog] = useState<'approved' | 'rejected' | null>(null);
  useReportReady(view.isSuccess || view.isError);

  if (view.isPending) return <LoadingState />;
  if (view.isError) return <ErrorState error={view.error} onRetry={() => void view.refetch()} />;
  const data = view.data;
  const { request, role } = data;
  const open = request.status === 'open' && data.decision === null;
  const mayDecide = props.canApprove && open && !data.changedSinceRequest;

  return (
    <article>
      <PageHeading>{`Goedkeuring: ${role.content.title}`}</PageHeading>
      <div>
        <StatusBadge status={data.status} />
      </div>
      <p>
        Voorgelegd door {request.createdBy.displayName} op {formatIsoDate(request.createdAt, 'nl')}
        {request.note ? `. Toelichting: ${request.note}` : '.'}
      </p>

      {data.decision && (
        <MessageBar intent={data.decision.outcome === 'approved' ? 'success' : 'warning'}>
          <MessageBarBody>
            {data.decision.outcome === 'approved' ? 'Goedgekeurd' : 'Afgewezen'} door{' '}
            {data.decision.createdBy.displayName} op{' '}
            {formatIsoDate(data.decision.decisionDate, 'nl')}
            {data.decision.reason ? `: ${data.decision.reason}` : '.'}
          </MessageBarBody>
        </MessageBar>
      )}
      {!data.decision && request.status === 'closed' && (
        <MessageBar intent="info">
          <MessageBarBody>
            Deze aanvraag is gesloten zonder besluit (vervangen door een nieuwere aanvraag).
          </MessageBarBody>
        </MessageBar>
      )}
      {open && data.changedSinceRequest && (
        <MessageBar intent="warning">
          <MessageBarBody>
            De functiebeschrijving is gewijzigd nadat ze werd voorgelegd. Er kan niet over beslist
            worden tot HR de nieuwe versie opnieuw voorlegt.
          </MessageBarBody>
        </MessageBar>
      )}
      {decide.isError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{failureMessage(decide.error)}</MessageBarBody>
        </MessageBar>
      )}
      {decide.isSuccess &&
        decide.data.warnings.map((warning) => (
          <MessageBar key={warning} intent="warning">
            <MessageBarBody>{warning}</MessageBarBody>
          </MessageBar>
        ))}

      {mayDecide && (
        <div className={styles.actions}>
          <Button
            appearance="primary"
            icon={<CheckmarkRegular />}
            onClick={() => setDialog('approved')}
          >
            Goedkeuren
          </Button>
          <Button icon={<DismissRegular />} onClick={() => setDialog('rejected')}>
            Afwijzen
          </Button>
        </div>
      )}

      <section className={styles.section} aria-labelledby="wijzigingen">
        <h2 id="wijzigingen">
          {data.lastApproved
            ? `Gewijzigd sinds de goedkeuring van ${formatIsoDate(data.lastApproved.decisionDate, 'nl')}`
            : 'Nog nooit goedgekeurd'}
        </h2>
        {data.changes ? (
          <ChangeList changes={data.changes} />
        ) : (
          <p>De volledige beschrijving ligt voor.</p>
        )}
      </section>

      <section className={styles.section} aria-labelledby="inhoud">
        <h2 id="inhoud">Inhoud</h2>
        <ContentView content={role.content} />
      </section>

      {/* One dialog mounted at a time: a fresh text field each time, one modal for focus trapping. */}
      {dialog === 'approved' && (
        <ConfirmDialog
          open
          title="Goedkeuren?"
          description={`Je keurt "${role.content.title}" goed zoals hier getoond. Het besluit wordt bewaard met deze versie.`}
          confirmLabel="Goedkeuren"
          busy={decide.isPending}
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            setDialog(null);
            decide.mutate({
              requestId: request.id,
              outcome: 'approved',
              reason: null,
              seenHash: data.currentHash,
            });
          }}
        />
      )}
      {dialog === 'rejected' && (
        <ConfirmDialog
          open
          title="Afwijzen?"
          description={`Je wijst "${role.content.title}" af. HR ziet je motivering.`}
          confirmLabel="Afwijzen"
          textLabel="Reden van afwijzing"
          textRequired
          busy={decide.isPending}
          onCancel={() => setDialog(null)}
          onConfirm={(reason) => {
            setDialog(null);
            decide.mutate({
              requestId: request.id,
              outcome: 'rejected',
              reason,
              seenHash: data.currentHash,
            });
          }}
        />
      )}
    </article>
  );
}

/** The submitted content, section by section, as text. */
export function ContentView(props: { content: FunctionContent }) {
  const c = props.content;
  const unit = [c.department, c.service].filter(Boolean).join(' · ');
  return (
    <div>
      <dl>
        {unit && (
          <>
            <dt>Afdeling / dienst</dt>
            <dd>{unit}</dd>
          </>
        )}
        {c.grade && (
          <>
            <dt>Graad</dt>
            <dd>{c.grade}</dd>
          </>
        )}
        {c.careerPath && (
          <>
            <dt>Loopbaan</dt>
            <dd>{c.careerPath}</dd>
          </>
        )}
      </dl>
      {c.purpose && (
        <>
          <h3>Doel</h3>
          <p>{c.purpose}</p>
        </>
      )}
      {c.mainTasks.length > 0 && (
        <>
          <h3>Hoofdtaken</h3>
          <ul>
            {c.mainTasks.map((task, i) => (
              <li key={i}>{task}</li>
            ))}
          </ul>
        </>
      )}
      {c.resultAreas.map((area, i) => (
        <section key={i}>
          <h3>{area.title}</h3>
          <ul>
            {area.tasks.map((task, j) => (
              <li key={j}>{task}</li>
            ))}
          </ul>
        </section>
      ))}
      {c.competencies.length > 0 && (
        <>
          <h3>Competenties</h3>
          <ul>
            {c.competencies.map((competency) => (
              <li key={competency.name}>
                {competency.name}
                {competency.requiredLevel !== null ? ` — niveau ${competency.requiredLevel}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
