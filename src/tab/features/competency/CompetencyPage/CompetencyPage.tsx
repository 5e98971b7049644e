import {
  Link,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useId, useMemo } from 'react';
import { levelLabel, scaleRange } from '../../../../domain/levels';
import { competencyKey } from '../../../../domain/text';
import type { DictionaryCompetency } from '../../../shared/host-context';
import { Heading } from '../../../components/Heading';
import { LevelScale, levelText } from '../../../components/LevelScale';
import { useNavigation } from '../../../components/navigation';
import { PageHeading } from '../../../components/PageHeading';
import { EmptyState, ErrorState, LoadingState } from '../../../components/QueryStates';
import { useReportReady } from '../../../components/ready';
import { useCatalogueQuery, useDictionaryQuery } from '../../../data/queries';
import { useI18n } from '../../../i18n';
import { rolesRequiringByScale } from '../roles-requiring';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, minWidth: 0 },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  eyebrow: { ...typographyStyles.caption1Strong, margin: 0, color: tokens.colorNeutralForeground2 },
  meta: { margin: 0, color: tokens.colorNeutralForeground2 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  text: { margin: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    '& th, & td': {
      textAlign: 'start',
      verticalAlign: 'top',
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
  },
  caption: {
    textAlign: 'start',
    ...typographyStyles.caption1,
    paddingBottom: tokens.spacingVerticalXS,
  },
  level: {
    display: 'inline-flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
});

export interface CompetencyPageProps {
  /** `competencyKey` of the competency's name (src/domain/text.ts). */
  competencyKey: string;
}

/** A competency from the dictionary — definition and levels — and every role that requires it. */
export function CompetencyPage({ competencyKey: wanted }: CompetencyPageProps) {
  const styles = useStyles();
  const { t, locale } = useI18n();
  const { navigate } = useNavigation();
  const headingId = useId();
  const dictionary = useDictionaryQuery();
  const catalogue = useCatalogueQuery();
  useReportReady(
    (dictionary.isSuccess || dictionary.isError) && (catalogue.isSuccess || catalogue.isError),
  );

  const definition: DictionaryCompetency | undefined = useMemo(
    () => dictionary.data?.find((c) => competencyKey(c.name) === wanted),
    [dictionary.data, wanted],
  );
  const groups = useMemo(
    () => (catalogue.data ? rolesRequiringByScale(catalogue.data, wanted) : []),
    [catalogue.data, wanted],
  );
  const count = groups.reduce((sum, group) => sum + group.roles.length, 0);

  const failed = [dictionary, catalogue].find((q) => q.isError && !q.data);
  if (failed) {
    return (
      <ErrorState
        error={failed.error}
        onRetry={() => {
          if (dictionary.isError) void dictionary.refetch();
          if (catalogue.isError) void catalogue.refetch();
        }}
        retrying={dictionary.isFetching || catalogue.isFetching}
      />
    );
  }
  if (!dictionary.data || !catalogue.data) return <LoadingState rows={6} />;

  // The name as the dictionary spells it, else as the first role that requires it does.
  const name =
    definition?.name ??
    catalogue.data
      .flatMap((entry) => entry.competencies)
      .find((c) => competencyKey(c.name) === wanted)?.name;
  if (!name) {
    return <EmptyState title={t.competency.notFound} />;
  }

  return (
    <article className={styles.page} aria-labelledby={headingId}>
      <header className={styles.header}>
        <p className={styles.eyebrow}>{t.competency.eyebrow}</p>
        <PageHeading id={headingId}>{name}</PageHeading>
        {definition && (definition.block || definition.cluster) && (
          <p className={styles.meta}>
            {[
              definition.block && t.competency.blockNames[definition.block],
              definition.cluster && `${t.competency.cluster}: ${definition.cluster}`,
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        )}
      </header>

      {definition ? (
        <>
          {definition.definition && (
            <section className={styles.section} aria-labelledby={`${headingId}-definition`}>
              <Heading level={2} id={`${headingId}-definition`}>
                {t.competency.definition}
              </Heading>
              <p className={styles.text}>{definition.definition}</p>
            </section>
          )}
          {definition.levels.length > 0 && (
            <section className={styles.section} aria-labelledby={`${headingId}-levels`}>
              <Heading level={2} id={`${headingId}-levels`}>
                {t.competency.levels}
              </Heading>
              {definition.levels.map((level) => (
                <div key={level.level} className={styles.section}>
                  <Heading level={3}>
                    {/* The dictionary gathers every document's levels: our names only exist for 0–3. */}
                    {level.level <= 3
                      ? t.level.named(level.level, levelLabel(level.level, locale))
                      : t.level.name(level.level)}
                  </Heading>
                  <ul className={styles.list}>
                    {level.indicators.map((indicator, index) => (
                      <li key={index}>{indicator}</li>
                    ))}
                  </ul>
                </div>
              ))}
            </section>
          )}
        </>
      ) : (
        <p className={styles.text}>{t.competency.notInDictionary}</p>
      )}

      <section className={styles.section} aria-labelledby={`${headingId}-roles`}>
        <Heading level={2} id={`${headingId}-roles`}>
          {t.competency.rolesTitle}
        </Heading>
        <p className={styles.text}>{t.competency.rolesCount(count)}</p>
        {groups.length > 1 && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              {t.levelScales.rolesScalesDiffer(groups.map((g) => scaleRange(g.scale)).join(', '))}
            </MessageBarBody>
          </MessageBar>
        )}
        {/* One table per scale: levels are ranked within a scale, never across scales. */}
        {groups.map((group) => (
          <table key={scaleRange(group.scale)} className={styles.table}>
            <caption className={styles.caption}>
              {groups.length === 1
                ? t.competency.rolesCaption(name)
                : t.levelScales.rolesCaptionOnScale(
                    name,
                    scaleRange(group.scale),
                    group.roles.length,
                  )}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.competency.columns.role}</th>
                <th scope="col">{t.competency.columns.department}</th>
                <th scope="col">{t.competency.columns.level}</th>
              </tr>
            </thead>
            <tbody>
              {group.roles.map(({ entry, level }) => (
                <tr key={entry.key}>
                  <th scope="row">
                    <Link onClick={() => navigate({ name: 'role', key: entry.key })}>
                      {entry.title}
                    </Link>
                  </th>
                  <td>{entry.department ?? '—'}</td>
                  <td>
                    {level === null ? (
                      t.level.noScale
                    ) : (
                      <span className={styles.level}>
                        {levelText(t, locale, entry.levelScale, level)}
                        <LevelScale level={level} scale={entry.levelScale} />
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>
    </article>
  );
}
