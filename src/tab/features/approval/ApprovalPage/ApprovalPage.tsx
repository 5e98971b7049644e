import { Button, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { CheckmarkRegular, DismissRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { formatIsoDate } from '../../../../domain/dates';
import type { FunctionContent } from '../../../../domain/schema';
import { StatusBadge } from '../../../components/StatusBadge';
import { ErrorState, LoadingState } from '../../../components/QueryStates';
import { PageHeading } from '../../../components/PageHeading';
import { useReportReady } from '../../../components/ready';
import { useI18n } from '../../../i18n';
import { ChangeList } from '../../../components/ChangeList';
import { ConfirmDialog } from '../ConfirmDialog/ConfirmDialog';
import { useApprovalView, useDecide, useFailureMessage } from '../approval-data';

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
  const { t, locale } = useI18n();
  const a = t.approval.page;
  const failureMessage = useFailureMessage();
  const view = useApprovalView(props.requestId);
  const roleKey = view.data?.role.key ?? '';
  const decide = useDecide(roleKey);
  const [dialog, setDialog] = useState<'approved' | 'rejected' | null>(null);
  useReportReady(view.isSuccess || view.isError);

  if (view.isPending) return <LoadingState />;
  if (view.isError) return <ErrorState error={view.error} onRetry={() => void view.refetch()} />;
  const data = view.data;
  const { request, role } = data;
  const open = (request.status === 'open' || data.unfinishedByMe) && data.decision === null;
  const mayDecide = props.canApprove && open && !data.changedSinceRequest;

  return (
    <article>
      <PageHeading>{a.title(role.content.title)}</PageHeading>
      <div>
        <StatusBadge status={data.status} />
      </div>
      <p>
        {a.submittedBy(
          request.createdBy.displayName,
          formatIsoDate(request.createdAt, locale),
          request.note,
        )}
      </p>

      {data.decision && (
        <MessageBar intent={data.decision.outcome === 'approved' ? 'success' : 'warning'}>
          <MessageBarBody>
            {t.approval.decision(
              data.decision.outcome,
              data.decision.createdBy.displayName,
              formatIsoDate(data.decision.decisionDate, locale),
            )}
            {data.decision.reason ? `: ${data.decision.reason}` : '.'}
          </MessageBarBody>
        </MessageBar>
      )}
      {!data.decision && request.status === 'closed' && (
        <MessageBar intent={data.unfinishedByMe ? 'warning' : 'info'}>
          <MessageBarBody>
            {data.unfinishedByMe ? a.unfinishedByMe : a.closedWithoutDecision}
          </MessageBarBody>
        </MessageBar>
      )}
      {open && data.changedSinceRequest && (
        <MessageBar intent="warning">
          <MessageBarBody>{a.changedSinceRequest}</MessageBarBody>
        </MessageBar>
      )}
      {decide.isError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{failureMessage(decide.error, 'decide')}</MessageBarBody>
        </MessageBar>
      )}
      {decide.isSuccess &&
        decide.data.warnings.map((warning, index) => (
          <MessageBar key={index} intent="warning">
            <MessageBarBody>{t.approval.errors.warning(warning)}</MessageBarBody>
          </MessageBar>
        ))}

      {mayDecide && (
        <div className={styles.actions}>
          <Button
            appearance="primary"
            icon={<CheckmarkRegular />}
            onClick={() => setDialog('approved')}
          >
            {a.approve}
          </Button>
          <Button icon={<DismissRegular />} onClick={() => setDialog('rejected')}>
            {a.reject}
          </Button>
        </div>
      )}

      <section className={styles.section} aria-labelledby="wijzigingen">
        <h2 id="wijzigingen">
          {data.lastApproved
            ? // Never "Gewijzigd sinds …" above "Geen wijzigingen".
              (data.changes?.length === 0 ? a.unchangedSince : a.changesSince)(
                formatIsoDate(data.lastApproved.decisionDate, locale),
              )
            : a.neverApproved}
        </h2>
        {data.changes ? <ChangeList changes={data.changes} /> : <p>{a.wholeDescription}</p>}
      </section>

      <section className={styles.section} aria-labelledby="inhoud">
        <h2 id="inhoud">{a.content}</h2>
        <ContentView content={role.content} />
      </section>

      {/* One dialog mounted at a time: a fresh text field each time, one modal for focus trapping. */}
      {dialog === 'approved' && (
        <ConfirmDialog
          open
          title={a.confirmApproveTitle}
          description={a.confirmApprove(role.content.title)}
          confirmLabel={a.approve}
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
          title={a.confirmRejectTitle}
          description={a.confirmReject(role.content.title)}
          confirmLabel={a.reject}
          textLabel={a.rejectReason}
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
  const labels = useI18n().t.approval.content;
  const c = props.content;
  const unit = [c.department, c.service].filter(Boolean).join(' · ');
  return (
    <div>
      <dl>
        {unit && (
          <>
            <dt>{labels.unit}</dt>
            <dd>{unit}</dd>
          </>
        )}
        {c.grade && (
          <>
            <dt>{labels.grade}</dt>
            <dd>{c.grade}</dd>
          </>
        )}
        {c.careerPath && (
          <>
            <dt>{labels.careerPath}</dt>
            <dd>{c.careerPath}</dd>
          </>
        )}
      </dl>
      {c.purpose && (
        <>
          <h3>{labels.purpose}</h3>
          <p>{c.purpose}</p>
        </>
      )}
      {c.mainTasks.length > 0 && (
        <>
          <h3>{labels.mainTasks}</h3>
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
          <h3>{labels.competencies}</h3>
          <ul>
            {c.competencies.map((competency) => (
              <li key={competency.name}>
                {competency.name}
                {competency.requiredLevel !== null
                  ? ` — ${labels.level(competency.requiredLevel)}`
                  : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
