import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  SearchBox,
  Select,
} from '@fluentui/react-components';
import { ArrowSwapRegular, DismissRegular } from '@fluentui/react-icons';
import { useId } from 'react';
import { PageHeading } from '../../../components/PageHeading';
import { EmptyState, ErrorState, LoadingState } from '../../../components/QueryStates';
import { levelName, scaleRange } from '../../../../domain/levels';
import type { Locale } from '../../../../domain/dates';
import type { LevelScale } from '../../../../domain/schema';
import type { Strings } from '../../../../i18n';
import { useI18n } from '../../../i18n';
import { SORT_KEYS, STATUS_KINDS } from '../filters';
import { RoleList } from '../RoleList/RoleList';
import type { CatalogueProps } from './Catalogue.types';
import { StatusCheckNotice } from './StatusCheckNotice';
import { useCatalogue } from './useCatalogue';
import { useCatalogueStyles } from './useCatalogueStyles.styles';

/**
 * A level filter's choice, named on its scale: by the scale's title for the level where it has
 * one, as before on 0–3 ("Niveau 2 of hoger"), else with the scale ("… (schaal 1–5)").
 */
function atLeastText(t: Strings, locale: Locale, scale: LevelScale, level: number): string {
  const name = levelName(scale, level, locale);
  switch (name.kind) {
    case 'title':
      return t.levelScales.atLeastTitled(level, name.title);
    case 'ours':
      return t.catalogue.atLeast(level);
    case 'numbered':
      return t.levelScales.atLeastOfScale(level, name.lowest, name.highest);
  }
}

/** Every role, searchable, filterable and sortable; tick two or three to compare them. */
export function Catalogue(props: CatalogueProps) {
  const logic = useCatalogue(props);
  const styles = useCatalogueStyles();
  const { t, locale } = useI18n();
  const headingId = useId();
  const { state } = props;
  const { query } = logic;

  const body = (() => {
    if (!query.data) {
      if (query.isError) {
        return (
          <ErrorState
            error={query.error}
            onRetry={() => void query.refetch()}
            retrying={query.isFetching}
          />
        );
      }
      if (query.fetchStatus === 'paused') return <EmptyState title={t.notices.offlineNoData} />;
      return <LoadingState rows={6} />;
    }
    if (logic.total === 0) return <EmptyState title={t.catalogue.emptyCatalogue} />;
    return null;
  })();

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <PageHeading id={headingId}>{t.catalogue.title}</PageHeading>
      <p className={styles.intro}>{t.catalogue.intro}</p>
      {body ?? (
        <>
          {query.isError && (
            <ErrorState
              error={query.error}
              onRetry={() => void query.refetch()}
              retrying={query.isFetching}
            />
          )}
          <div className={styles.controls}>
            <div role="search" className={styles.search}>
              <Field label={t.catalogue.searchLabel}>
                <SearchBox
                  className={styles.searchInput}
                  value={state.query}
                  placeholder={t.catalogue.searchPlaceholder}
                  onChange={(_, data) => logic.setQuery(data.value)}
                />
              </Field>
            </div>
            <fieldset className={styles.filters}>
              <legend className={styles.legend}>{t.catalogue.filtersLabel}</legend>
              <Field label={t.catalogue.department} className={styles.field}>
                <Select
                  className={styles.select}
                  value={state.filters.department ?? ''}
                  onChange={(_, data) => logic.setFilter('department', data.value || null)}
                >
                  <option value="">{t.catalogue.anyValue}</option>
                  {logic.options.departments.map((value) => (
                    <option key={value}>{value}</option>
                  ))}
                </Select>
              </Field>
              <Field label={t.catalogue.service} className={styles.field}>
                <Select
                  className={styles.select}
                  value={state.filters.service ?? ''}
                  onChange={(_, data) => logic.setFilter('service', data.value || null)}
                >
                  <option value="">{t.catalogue.anyValue}</option>
                  {logic.options.services.map((value) => (
                    <option key={value}>{value}</option>
                  ))}
                </Select>
              </Field>
              <Field label={t.catalogue.careerPath} className={styles.field}>
                <Select
                  className={styles.select}
                  value={state.filters.careerPath ?? ''}
                  onChange={(_, data) => logic.setFilter('careerPath', data.value || null)}
                >
                  <option value="">{t.catalogue.anyValue}</option>
                  {logic.options.careerPaths.map((value) => (
                    <option key={value}>{value}</option>
                  ))}
                </Select>
              </Field>
              <Field
                label={t.catalogue.status}
                className={styles.field}
                hint={
                  logic.statusCheck.checking > 0
                    ? t.catalogue.statusCheck.pending(logic.statusCheck.checking)
                    : undefined
                }
              >
                <Select
                  className={styles.select}
                  value={state.filters.status ?? ''}
                  onChange={(_, data) => logic.setStatus(data.value)}
                >
                  <option value="">{t.catalogue.anyValue}</option>
                  {STATUS_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {t.statusKind[kind]}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t.catalogue.competency} className={styles.field}>
                <Select
                  className={styles.select}
                  value={state.filters.competency ?? ''}
                  onChange={(_, data) => logic.setFilter('competency', data.value || null)}
                >
                  <option value="">{t.catalogue.anyValue}</option>
                  {logic.options.competencies.map((competency) => (
                    <option key={competency.key} value={competency.key}>
                      {competency.name}
                    </option>
                  ))}
                </Select>
              </Field>
              {/* Only where the competency's roles count their levels differently. */}
              {logic.scales.length > 1 && (
                <Field label={t.levelScales.filterScale} className={styles.field}>
                  <Select
                    className={styles.select}
                    value={scaleRange(logic.filterScale)}
                    onChange={(_, data) => logic.setLevelScale(data.value)}
                  >
                    {logic.scales.map((use) => (
                      <option key={scaleRange(use.scale)} value={scaleRange(use.scale)}>
                        {t.levelScales.filterScaleOption(scaleRange(use.scale), use.roles)}
                      </option>
                    ))}
                  </Select>
                </Field>
              )}
              <Field label={t.catalogue.minLevel} className={styles.field}>
                <Select
                  className={styles.select}
                  value={logic.minLevel === null ? '' : String(logic.minLevel)}
                  disabled={state.filters.competency === null}
                  onChange={(_, data) => logic.setMinLevel(data.value)}
                >
                  <option value="">{t.catalogue.anyLevel}</option>
                  {logic.levelChoices.map((level) => (
                    <option key={level} value={String(level)}>
                      {atLeastText(t, locale, logic.filterScale, level)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t.catalogue.sort} className={styles.field}>
                <Select
                  className={styles.select}
                  value={state.sort}
                  onChange={(_, data) => logic.setSort(data.value)}
                >
                  {SORT_KEYS.map((key) => (
                    <option key={key} value={key}>
                      {t.catalogue.sortOptions[key]}
                    </option>
                  ))}
                </Select>
              </Field>
            </fieldset>
          </div>

          {logic.outside.roles > 0 && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>
                {t.levelScales.outsideFilter(
                  logic.outside.roles,
                  logic.outside.scales.map(scaleRange).join(', '),
                )}
              </MessageBarBody>
            </MessageBar>
          )}

          {logic.statusCheck.checking > 0 &&
            (state.filters.status !== null || state.sort === 'status') && (
              <MessageBar intent="info" layout="multiline">
                <MessageBarBody>
                  {t.catalogue.statusCheck.whileFiltered(logic.statusCheck.checking)}
                </MessageBarBody>
              </MessageBar>
            )}
          <StatusCheckNotice check={logic.statusCheck} className={styles.statusCheck} />

          <div className={styles.summary}>
            <p className={styles.count} role="status">
              {t.catalogue.count(logic.rows.length, logic.total)}
            </p>
            {logic.filtersActive && (
              <Button appearance="subtle" icon={<DismissRegular />} onClick={logic.clearFilters}>
                {t.catalogue.clear}
              </Button>
            )}
          </div>

          <div className={styles.compareBar} role="group" aria-label={t.nav.compare}>
            <p className={styles.compareText} aria-live="polite">
              {logic.selectionFull
                ? `${t.catalogue.selection(state.selected.length)}. ${t.catalogue.selectionFull}`
                : t.catalogue.selection(state.selected.length)}
            </p>
            <Button
              appearance="primary"
              icon={<ArrowSwapRegular />}
              disabled={state.selected.length < 2}
              onClick={logic.compareSelected}
            >
              {t.catalogue.compareSelected}
            </Button>
            {state.selected.length > 0 && (
              <Button onClick={logic.clearSelection}>{t.catalogue.clearSelection}</Button>
            )}
          </div>

          {logic.rows.length === 0 ? (
            <EmptyState
              title={t.catalogue.empty}
              hint={t.catalogue.emptyHint}
              action={<Button onClick={logic.clearFilters}>{t.catalogue.clear}</Button>}
            />
          ) : (
            <RoleList
              rows={logic.rows}
              search={logic.search}
              searchText={logic.searchText}
              selected={state.selected}
              selectionFull={logic.selectionFull}
              onToggle={logic.toggleSelected}
              onOpen={logic.openRole}
            />
          )}
        </>
      )}
    </section>
  );
}
