import {
  Button,
  Field,
  makeStyles,
  mergeClasses,
  Select,
  Switch,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { ArrowUpFilled, DismissRegular } from '@fluentui/react-icons';
import { useId, useMemo, useState } from 'react';
import {
  compareLevels,
  type ComparedRoles,
  type CompetencyCell,
  type CompetencyRow,
} from '../../../../domain/levels';
import { MAX_COMPARE_SELECTION } from '../../../shared/routes';
import { Heading } from '../../../components/Heading';
import { levelText } from '../../../components/LevelScale';
import { useNavigation } from '../../../components/navigation';
import { PageHeading } from '../../../components/PageHeading';
import { EmptyState, ErrorState, LoadingState } from '../../../components/QueryStates';
import { useReportReady } from '../../../components/ready';
import { useCatalogueQuery, useRoleQueries } from '../../../data/queries';
import { compareSummary, useI18n } from '../../../i18n';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, minWidth: 0 },
  pickers: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 16rem), 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
    '@media print': { display: 'none' },
  },
  picker: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalXS },
  pickerField: { flexGrow: 1, minWidth: 0 },
  select: { minWidth: 0, maxWidth: '100%', width: '100%' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  text: { margin: 0 },
  // The table may be wider than a phone: it scrolls in its own box, never the page.
  scroller: {
    overflowX: 'auto',
    maxWidth: '100%',
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    minWidth: '28rem',
    '& th, & td': {
      textAlign: 'start',
      verticalAlign: 'top',
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
    '& thead th': { ...typographyStyles.body1Strong },
  },
  caption: {
    textAlign: 'start',
    ...typographyStyles.caption1,
    paddingBottom: tokens.spacingVerticalXS,
  },
  differs: { backgroundColor: tokens.colorNeutralBackground3 },
  higher: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    marginInlineStart: tokens.spacingHorizontalXS,
    ...typographyStyles.body1Strong,
    color: tokens.colorBrandForeground1,
  },
  absent: { color: tokens.colorNeutralForeground2 },
  tasks: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 18rem), 1fr))',
    gap: tokens.spacingHorizontalL,
  },
});

function isComparable<T>(list: T[]): list is [T, T] | [T, T, T] {
  return list.length === 2 || list.length === 3;
}

/** Worth showing with "Enkel verschillen tonen": not every role asks the same here. */
function differs(row: CompetencyRow): boolean {
  const everyRole = row.cells.every((cell) => cell.kind === 'present');
  return !(everyRole && (row.relation === 'equal' || row.relation === 'incomparable'));
}

export interface ComparePageProps {
  /** The roles in the route; fewer than two means the user is still choosing. */
  keys: string[];
}

/** Two or three roles side by side: levels, what differs, and tasks only one of them has. */
export function ComparePage({ keys }: ComparePageProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const { replace } = useNavigation();
  const headingId = useId();
  const roleQueries = useRoleQueries(keys);
  const loaded = roleQueries.every((q) => q.data !== undefined);
  const failed = roleQueries.find((q) => q.isError && q.data === undefined);
  const settled = keys.length < 2 || loaded || failed !== undefined;
  // The pickers' catalogue (2,000 roles, megabytes) waits for the roles compared: read beside
  // them it shares the city's link and SharePoint with them, and a comparison opened from a
  // link is what the user waits for (issue 15). The pickers show the compared roles meanwhile.
  const catalogue = useCatalogueQuery({ enabled: settled });
  useReportReady(settled);

  const options = useMemo(
    () =>
      [...(catalogue.data ?? [])].sort((a, b) =>
        a.title.localeCompare(b.title, 'nl', { sensitivity: 'base' }),
      ),
    [catalogue.data],
  );
  const titleOf = (key: string) =>
    roleQueries[keys.indexOf(key)]?.data?.description.title ??
    catalogue.data?.find((entry) => entry.key === key)?.title ??
    key;

  const setKeyAt = (index: number, key: string) => {
    const next = [...keys];
    if (key === '') next.splice(index, 1);
    else next[index] = key;
    replace({ name: 'compare', keys: [...new Set(next)] });
  };
  const slots = keys.length < MAX_COMPARE_SELECTION ? [...keys, ''] : keys;

  let body;
  if (keys.length < 2) {
    body = <EmptyState title={t.compare.needTwo} />;
  } else if (failed) {
    body = (
      <ErrorState
        error={failed.error}
        onRetry={() => roleQueries.filter((q) => q.isError).forEach((q) => void q.refetch())}
        retrying={roleQueries.some((q) => q.isFetching)}
      />
    );
  } else if (!loaded) {
    body = <LoadingState rows={6} />;
  } else {
    const descriptions = roleQueries.flatMap((q) => (q.data ? [q.data.description] : []));
    body = isComparable(descriptions) ? <ComparisonTables descriptions={descriptions} /> : null;
  }

  return (
    <article className={styles.page} aria-labelledby={headingId}>
      <PageHeading id={headingId}>{t.compare.title}</PageHeading>
      <div className={styles.pickers}>
        {slots.map((key, index) => (
          <div key={`${index}-${key}`} className={styles.picker}>
            <Field label={t.compare.pick(index + 1)} className={styles.pickerField}>
              <Select
                className={styles.select}
                value={key}
                onChange={(_, data) => setKeyAt(index, data.value)}
              >
                <option value="">{t.compare.pickPlaceholder}</option>
                {key !== '' && !options.some((entry) => entry.key === key) && (
                  <option value={key}>{titleOf(key)}</option>
                )}
                {options.map((entry) => (
                  <option
                    key={entry.key}
                    value={entry.key}
                    disabled={entry.key !== key && keys.includes(entry.key)}
                  >
                    {entry.title}
                  </option>
                ))}
              </Select>
            </Field>
            {key !== '' && (
              <Button
                appearance="subtle"
                icon={<DismissRegular />}
                aria-label={t.compare.remove(titleOf(key))}
                onClick={() => setKeyAt(index, '')}
              />
            )}
          </div>
        ))}
      </div>
      {catalogue.isError && !catalogue.data && (
        <ErrorState
          error={catalogue.error}
          onRetry={() => void catalogue.refetch()}
          retrying={catalogue.isFetching}
        />
      )}
      {body}
    </article>
  );
}

function ComparisonTables({ descriptions }: { descriptions: ComparedRoles }) {
  const styles = useStyles();
  const { t, locale } = useI18n();
  const captionId = useId();
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  // Cheap (a few dozen competencies): recomputed per render rather than memoised on new arrays.
  const comparison = compareLevels(descriptions);
  const rows = onlyDifferences ? comparison.rows.filter(differs) : comparison.rows;
  const summary = compareSummary(comparison, locale);

  // A level in words on its own role's scale ("Niveau 3 van 1–5" beside "Niveau 3 (Expert)").
  const cellText = (cell: CompetencyCell, role: number) =>
    cell.kind === 'absent'
      ? t.compare.notRequired
      : cell.level === null
        ? t.compare.requiredNoLevel
        : comparison.scalesDiffer
          ? levelText(t, locale, comparison.scales[role]!, cell.level)
          : t.level.name(cell.level);

  return (
    <>
      <section className={styles.section} aria-labelledby={`${captionId}-summary`}>
        <Heading level={2} id={`${captionId}-summary`}>
          {t.compare.summary}
        </Heading>
        <ul className={styles.list}>
          {summary.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>

      <section className={styles.section} aria-labelledby={`${captionId}-table`}>
        <Heading level={2} id={`${captionId}-table`}>
          {t.role.competencies}
        </Heading>
        <Switch
          checked={onlyDifferences}
          onChange={(_, data) => setOnlyDifferences(data.checked)}
          label={t.compare.onlyDifferences}
        />
        {comparison.scalesDiffer && (
          <p className={styles.text}>
            {t.levelScales.scalesDiffer(
              [...new Set(comparison.scales.map((s) => `${s.lowest}–${s.highest}`))].join(', '),
            )}
          </p>
        )}
        <div
          className={styles.scroller}
          role="region"
          aria-labelledby={captionId}
          // Focusable so a keyboard user can scroll the table sideways on a narrow screen.
          tabIndex={0}
        >
          <table className={styles.table}>
            <caption id={captionId} className={styles.caption}>
              {t.compare.tableCaption}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.compare.competencyColumn}</th>
                {descriptions.map((d) => (
                  <th key={d.key} scope="col">
                    {d.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.name} className={mergeClasses(differs(row) && styles.differs)}>
                  <th scope="row">{row.name}</th>
                  {row.cells.map((cell, index) => (
                    <td
                      key={index}
                      className={mergeClasses(cell.kind === 'absent' && styles.absent)}
                    >
                      {cellText(cell, index)}
                      {row.relation === 'other-scales' && cell.kind === 'present' && (
                        <span className={styles.text}> ({t.levelScales.otherScales})</span>
                      )}
                      {row.highest.includes(index) && ' '}
                      {row.highest.includes(index) && (
                        <span className={styles.higher}>
                          <ArrowUpFilled aria-hidden="true" />
                          {t.compare.higher}
                        </span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className={styles.section} aria-labelledby={`${captionId}-tasks`}>
        <Heading level={2} id={`${captionId}-tasks`}>
          {t.compare.tasksTitle}
        </Heading>
        <div className={styles.tasks}>
          {comparison.roles.map((role) => {
            const tasks = role.tasksOnlyHere;
            return (
              <div key={role.key} className={styles.section}>
                <Heading level={3}>{t.compare.onlyIn(role.title)}</Heading>
                {tasks.length > 0 ? (
                  <ul className={styles.list}>
                    {tasks.map((task) => (
                      <li key={task}>{task}</li>
                    ))}
                  </ul>
                ) : (
                  <p className={styles.text}>{t.compare.noUniqueTasks}</p>
                )}
              </div>
            );
          })}
        </div>
      </section>
    </>
  );
}
