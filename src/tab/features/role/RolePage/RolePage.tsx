import { Button, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { ArrowSwapRegular, OpenRegular, PrintRegular } from '@fluentui/react-icons';
import { Fragment, useId } from 'react';
import type { Change } from '../../../../domain/diff';
import type { FunctionDescription } from '../../../../domain/schema';
import type { RoleStatus } from '../../../../domain/status';
import { ChangesSinceApproval } from '../../../components/ChangeList';
import { Heading, nextLevel, type HeadingLevel } from '../../../components/Heading';
import { useNavigation } from '../../../components/navigation';
import { PageHeading } from '../../../components/PageHeading';
import { ErrorState, LoadingState } from '../../../components/QueryStates';
import { useReportReady } from '../../../components/ready';
import { StatusBadge } from '../../../components/StatusBadge';
import { useRoleQuery } from '../../../data/queries';
import { statusLabel, useI18n, type Strings } from '../../../i18n';
import { CompetencyCard } from '../CompetencyCard/CompetencyCard';
import { groupCompetencies } from '../group-competencies';
import { type SharePointLinks, sharePointLinks } from '../sharepoint-links';

const useStyles = makeStyles({
  article: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, minWidth: 0 },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  eyebrow: { ...typographyStyles.caption1Strong, margin: 0, color: tokens.colorNeutralForeground2 },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    '@media print': { display: 'none' },
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  text: { margin: 0, whiteSpace: 'pre-line' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8rem, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    '@media (max-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  term: { ...typographyStyles.body1Strong },
  definition: { margin: 0, '@media (max-width: 480px)': { marginBottom: tokens.spacingVerticalS } },
  cards: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 22rem), 1fr))',
    gap: tokens.spacingHorizontalM,
    '@media print': { display: 'block' },
  },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export interface RolePageProps {
  roleKey: string;
  /** HR only: the user edits this content in SharePoint. */
  canOpenInSharePoint: boolean;
  sharePointListUrl: string | null;
}

/** One role as a reader needs it, in the order of the document; prints as a clean page. */
export function RolePage(props: RolePageProps) {
  const query = useRoleQuery(props.roleKey);
  useReportReady(query.isSuccess || query.isError);

  if (!query.data) {
    if (query.isError) {
      return (
        <div>
          <PageHeading>{props.roleKey}</PageHeading>
          <ErrorState
            error={query.error}
            onRetry={() => void query.refetch()}
            retrying={query.isFetching}
          />
        </div>
      );
    }
    return <LoadingState rows={8} />;
  }
  const { description, status, sharePointUrl, changesSinceApproval } = query.data;
  const sharePoint = props.canOpenInSharePoint
    ? sharePointLinks(sharePointUrl ?? props.sharePointListUrl)
    : null;
  return (
    <>
      {query.isError && (
        <ErrorState
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      )}
      <RoleContent
        description={description}
        status={status}
        sharePoint={sharePoint}
        changes={changesSinceApproval ?? null}
      />
    </>
  );
}

function RoleContent(props: {
  description: FunctionDescription;
  status: RoleStatus;
  sharePoint: SharePointLinks | null;
  /** What changed since the approval: shown to everyone who may see the role. */
  changes: { approvedDate: string; changes: readonly Change[] } | null;
}) {
  const styles = useStyles();
  const { t, locale } = useI18n();
  const { navigate } = useNavigation();
  const headingId = useId();
  const d = props.description;
  const id = useId();
  const sectionId = (name: string) => `${id}-${name}`;

  const facts: Array<[string, string | null]> = [
    [t.role.fields.kind, t.kind[d.kind]],
    [t.role.fields.organisation, d.organisation],
    [t.role.fields.department, d.department],
    [t.role.fields.service, d.service],
    [t.role.fields.grade, d.grade],
    [t.role.fields.careerPath, d.careerPath],
    [t.role.fields.status, statusLabel(props.status, locale)],
  ];

  const onlyTitles = d.resultAreas.every((area) => area.tasks.length === 0);

  return (
    <article className={styles.article} aria-labelledby={headingId}>
      <header className={styles.header}>
        <p className={styles.eyebrow}>{t.kind[d.kind]}</p>
        <PageHeading id={headingId}>{d.title}</PageHeading>
        <div>
          <StatusBadge status={props.status} />
        </div>
        <div className={styles.actions} role="group" aria-label={t.role.actions}>
          <Button
            icon={<ArrowSwapRegular />}
            onClick={() => navigate({ name: 'compare', keys: [d.key] })}
          >
            {t.role.compareWith}
          </Button>
          <Button icon={<PrintRegular />} onClick={() => window.print()}>
            {t.role.print}
          </Button>
          {props.sharePoint && (
            // HR's way into SharePoint: the role's item, and its rows filtered to this role, so
            // a level is two clicks away (the item URL is checked in sharePointLinks).
            <>
              {(
                [
                  [props.sharePoint.item, t.role.openInSharePoint],
                  [props.sharePoint.competencies, t.role.competenciesInSharePoint],
                  [props.sharePoint.tasks, t.role.tasksInSharePoint],
                ] as const
              ).map(([href, label]) =>
                href === null ? null : (
                  <Button
                    key={label}
                    as="a"
                    href={href}
                    target="_blank"
                    rel="noopener noreferrer"
                    icon={<OpenRegular />}
                  >
                    {label}
                  </Button>
                ),
              )}
            </>
          )}
        </div>
      </header>

      <section className={styles.section} aria-labelledby={sectionId('general')}>
        <Heading level={2} id={sectionId('general')}>
          {t.role.general}
        </Heading>
        <dl className={styles.facts}>
          {facts.map(([label, value]) => (
            <Fragment key={label}>
              <dt className={styles.term}>{label}</dt>
              <dd className={styles.definition}>{value ?? t.role.notSpecified}</dd>
            </Fragment>
          ))}
        </dl>
      </section>

      {(d.purpose !== null || d.mainTasks.length > 0) && (
        <section className={styles.section} aria-labelledby={sectionId('purpose')}>
          <Heading level={2} id={sectionId('purpose')}>
            {t.role.purpose}
          </Heading>
          {d.purpose && <p className={styles.text}>{d.purpose}</p>}
          {d.mainTasks.length > 0 && (
            <>
              <Heading level={3}>{t.role.mainTasks}</Heading>
              <TextList items={d.mainTasks} className={styles.list} />
            </>
          )}
        </section>
      )}

      {d.position && (
        <section className={styles.section} aria-labelledby={sectionId('position')}>
          <Heading level={2} id={sectionId('position')}>
            {t.role.position}
          </Heading>
          <p className={styles.text}>{d.position}</p>
        </section>
      )}

      {d.resultAreas.length > 0 && (
        <section className={styles.section} aria-labelledby={sectionId('areas')}>
          <Heading level={2} id={sectionId('areas')}>
            {t.role.resultAreas[d.kind]}
          </Heading>
          {onlyTitles ? (
            <TextList items={d.resultAreas.map((area) => area.title)} className={styles.list} />
          ) : (
            d.resultAreas.map((area, index) => (
              <div key={index} className={styles.section}>
                <Heading level={3}>{area.title}</Heading>
                <TextList items={area.tasks} className={styles.list} />
              </div>
            ))
          )}
        </section>
      )}

      {d.competencies.length > 0 && (
        <section className={styles.section} aria-labelledby={sectionId('competencies')}>
          <Heading level={2} id={sectionId('competencies')}>
            {t.role.competencies}
          </Heading>
          <CompetencyGroups description={d} t={t} />
        </section>
      )}

      {d.technicalKnowledge.length > 0 && (
        <section className={styles.section} aria-labelledby={sectionId('knowledge')}>
          <Heading level={2} id={sectionId('knowledge')}>
            {t.role.technicalKnowledge}
          </Heading>
          <TextList items={d.technicalKnowledge} className={styles.list} />
        </section>
      )}

      {d.otherSections !== undefined && d.otherSections.length > 0 && (
        <section className={styles.section} aria-labelledby={sectionId('other')}>
          <Heading level={2} id={sectionId('other')}>
            {t.role.otherSections}
          </Heading>
          {d.otherSections.map((other, index) => (
            <div key={index} className={styles.section}>
              <Heading level={3}>{other.title}</Heading>
              <p className={styles.text}>{other.text}</p>
            </div>
          ))}
        </section>
      )}

      <section className={styles.section} aria-labelledby={sectionId('approval')}>
        <Heading level={2} id={sectionId('approval')}>
          {t.role.approval}
        </Heading>
        <p className={styles.text}>{statusLabel(props.status, locale)}</p>
        {props.changes && (
          <ChangesSinceApproval
            approvedDate={props.changes.approvedDate}
            changes={props.changes.changes}
            headingLevel={3}
          />
        )}
      </section>
    </article>
  );
}

function CompetencyGroups(props: { description: FunctionDescription; t: Strings }) {
  const styles = useStyles();
  const { t } = props;
  const groups = groupCompetencies(props.description.competencies);
  // Only levels the document actually has get a heading: no empty "block" level for a profile.
  const showBlocks = groups.some((g) => g.block !== null);
  return (
    <>
      {groups.map((group) => {
        const blockLevel: HeadingLevel = 3;
        const clusterLevel: HeadingLevel = showBlocks ? nextLevel(blockLevel) : blockLevel;
        const showClusters = group.clusters.some((c) => c.cluster !== null);
        return (
          <div key={group.block ?? 'none'} className={styles.group}>
            {showBlocks && (
              <Heading level={blockLevel}>{t.role.blocks[group.block ?? 'none']}</Heading>
            )}
            {group.clusters.map((cluster) => (
              <div key={cluster.cluster ?? 'none'} className={styles.group}>
                {showClusters && cluster.cluster && (
                  <Heading level={clusterLevel}>{cluster.cluster}</Heading>
                )}
                <div className={styles.cards}>
                  {cluster.competencies.map((competency) => (
                    <CompetencyCard
                      key={competency.name}
                      competency={competency}
                      scale={props.description.levelScale}
                      headingLevel={
                        showClusters && cluster.cluster ? nextLevel(clusterLevel) : clusterLevel
                      }
                    />
                  ))}
                </div>
              </div>
            ))}
          </div>
        );
      })}
    </>
  );
}

function TextList(props: { items: readonly string[]; className: string }) {
  return (
    <ul className={props.className}>
      {props.items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}
