import {
  Badge,
  Button,
  Checkbox,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useId } from 'react';
import type { FunctionDescription } from '../../../../domain/schema';
import type { ImportIssue } from '../../../../import/issues';
import { ChangeList } from '../../../components/ChangeList';
import { LevelScale } from '../../../components/LevelScale';
import { useNavigation } from '../../../components/navigation';
import { useI18n } from '../../../i18n';
import type { ImportDocument } from './import-state';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  file: { ...typographyStyles.subtitle2, margin: 0, flexGrow: 1 },
  title: { ...typographyStyles.subtitle1, margin: 0 },
  sub: { ...typographyStyles.body1Strong, margin: 0 },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

function IssueList(props: { title: string; issues: readonly ImportIssue[]; id: string }) {
  const { t } = useI18n();
  const styles = useStyles();
  if (props.issues.length === 0) return null;
  return (
    // Not a landmark: every card has one, and landmarks must be told apart by name (axe).
    <div>
      <h4 id={props.id} className={styles.sub}>
        {props.title}
      </h4>
      <ul className={styles.list} aria-labelledby={props.id}>
        {props.issues.map((issue, i) => (
          <li key={i}>
            {t.importPage.where(issue)}: {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Preview(props: { description: FunctionDescription }) {
  const { t } = useI18n();
  const styles = useStyles();
  const d = props.description;
  const f = t.role.fields;
  const fields: [string, string | null][] = [
    [f.organisation, d.organisation],
    [f.department, d.department],
    [f.service, d.service],
    [f.grade, d.grade],
    [f.careerPath, d.careerPath],
  ];
  const scale = d.levelScale;
  return (
    <>
      <h3 className={styles.title}>{d.title}</h3>
      <h4 className={styles.sub}>{t.importPage.general}</h4>
      <dl className={styles.fields}>
        <dt className={styles.term}>{f.kind}</dt>
        <dd className={styles.detail}>{t.kind[d.kind]}</dd>
        {fields.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt className={styles.term}>{label}</dt>
            <dd className={styles.detail}>{value ?? t.importPage.none}</dd>
          </div>
        ))}
      </dl>
      {d.purpose !== null && (
        <>
          <h4 className={styles.sub}>{t.importPage.purpose}</h4>
          <p className={styles.detail}>{d.purpose}</p>
        </>
      )}
      <h4 className={styles.sub}>{t.importPage.resultAreas}</h4>
      {d.resultAreas.length === 0 ? (
        <p className={styles.detail}>{t.importPage.none}</p>
      ) : (
        <ul className={styles.list}>
          {d.resultAreas.map((area, i) => (
            <li key={i}>
              {area.title}
              {area.tasks.length > 0 && (
                <ul className={styles.list}>
                  {area.tasks.map((task, j) => (
                    <li key={j}>{task}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      <h4 className={styles.sub}>{t.importPage.competencies}</h4>
      {d.competencies.length === 0 ? (
        <p className={styles.detail}>{t.importPage.none}</p>
      ) : (
        <ul className={styles.list}>
          {d.competencies.map((c, i) => (
            <li key={i}>
              {c.name}:{' '}
              {c.requiredLevel === null ? (
                t.importPage.noLevel
              ) : (
                <>
                  {t.importPage.levelOf(c.requiredLevel, scale.lowest, scale.highest)}
                  {c.levelTitle !== null && ` (${c.levelTitle})`}{' '}
                  <LevelScale level={c.requiredLevel} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {(d.otherSections ?? []).length > 0 && (
        <>
          <h4 className={styles.sub}>{t.importPage.otherSections}</h4>
          <ul className={styles.list}>
            {(d.otherSections ?? []).map((s, i) => (
              <li key={i}>{s.title}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function DocumentCard(props: {
  doc: ImportDocument;
  disabled: boolean;
  onSelect: (selected: boolean) => void;
  onRemove: () => void;
}) {
  const { t, locale } = useI18n();
  const styles = useStyles();
  const navigation = useNavigation();
  const id = useId();
  const { doc } = props;
  const s = t.importPage;
  const result = doc.result;
  const headingId = `${id}-file`;
  return (
    <section aria-labelledby={headingId} className={styles.card}>
      <div className={styles.head}>
        {result?.ok === true && (
          <Checkbox
            checked={doc.selected}
            disabled={props.disabled}
            onChange={(_, data) => props.onSelect(data.checked === true)}
            label={s.select(result.description.title)}
          />
        )}
        <h3 id={headingId} className={styles.file}>
          {doc.fileName}
        </h3>
        {result !== null && (
          <Badge appearance="tint" color={result.ok ? 'success' : 'danger'}>
            {result.ok ? s.readOk : s.readFailed}
          </Badge>
        )}
        <Button
          appearance="subtle"
          icon={<DismissRegular />}
          aria-label={s.remove(doc.fileName)}
          disabled={props.disabled}
          onClick={props.onRemove}
        />
      </div>
      {result === null && <Spinner size="tiny" label={s.reading(doc.fileName)} />}
      {result?.ok === false && (
        <>
          <p className={styles.detail}>{s.cannotSelect}</p>
          <IssueList title={s.errorsTitle} issues={result.errors} id={`${id}-errors`} />
        </>
      )}
      {result?.ok === true && (
        <>
          <Preview description={result.description} />
          <IssueList title={s.warningsTitle} issues={result.warnings} id={`${id}-warnings`} />
          {result.description.approval !== null && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>
                {s.approval(
                  new Date(
                    `${result.description.approval.decisionDate}T00:00:00Z`,
                  ).toLocaleDateString(locale === 'en' ? 'en-GB' : 'nl-BE', {
                    timeZone: 'UTC',
                    day: 'numeric',
                    month: 'long',
                    year: 'numeric',
                  }),
                )}
              </MessageBarBody>
            </MessageBar>
          )}
          {doc.outcome === null && <Current doc={doc} />}
        </>
      )}
      {doc.outcome !== null && (
        <MessageBar intent={doc.outcome.kind === 'failed' ? 'error' : 'success'} layout="multiline">
          <MessageBarBody>
            {doc.outcome.kind === 'failed' ? (
              <>
                {s.result.failed(doc.outcome.message)} {doc.outcome.advice}
              </>
            ) : (
              <>
                {doc.outcome.kind === 'unchanged'
                  ? s.result.unchanged
                  : doc.outcome.action === 'created'
                    ? s.result.created
                    : s.result.updated}{' '}
                <Button
                  appearance="transparent"
                  size="small"
                  onClick={() =>
                    navigation.navigate({ name: 'role', key: (doc.outcome as { key: string }).key })
                  }
                >
                  {s.result.open(doc.outcome.title)}
                </Button>
              </>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

function Current(props: { doc: ImportDocument }) {
  const { t } = useI18n();
  const s = t.importPage.current;
  const current = props.doc.current;
  switch (current.state) {
    case 'idle':
      return null;
    case 'loading':
      return <Spinner size="tiny" label={s.loading} />;
    case 'none':
      return <p>{s.none}</p>;
    case 'failed':
      return <p>{s.failed(current.message)}</p>;
    case 'found':
      return current.changes.length === 0 ? (
        <p>{s.same}</p>
      ) : (
        <div>
          <p>{s.differs(current.changes.length)}</p>
          <ChangeList changes={current.changes} />
        </div>
      );
  }
}
