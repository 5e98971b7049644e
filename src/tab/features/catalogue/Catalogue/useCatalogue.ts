import { useCallback, useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { sameScale, scaleRange } from '../../../../domain/levels';
import { defaultLevelScale, levelSchema, type LevelScale } from '../../../../domain/schema';
import { MAX_COMPARE_SELECTION, type Route } from '../../../shared/routes';
import { useNavigation } from '../../../components/navigation';
import { useReportReady } from '../../../components/ready';
import { useCatalogueQuery } from '../../../data/queries';
import {
  competencyScales,
  filterOptions,
  hasFilters,
  isLevelChoice,
  levelChoices,
  matchesFilters,
  NO_FILTERS,
  outsideLevelScale,
  SORT_KEYS,
  sortEntries,
  STATUS_KINDS,
  type CatalogueFilters,
  type ScaleBounds,
} from '../filters';
import { createSearchIndex } from '../search-index';
import type { CatalogueProps, CatalogueState } from './Catalogue.types';
import { useStatusCheck } from './useStatusCheck';

export const INITIAL_CATALOGUE_STATE: CatalogueState = {
  query: '',
  filters: NO_FILTERS,
  sort: 'title-asc',
  selected: [],
};

/** The catalogue's logic: data, search, filters, sorting and the compare selection. */
export function useCatalogue(props: CatalogueProps) {
  const { state, onStateChange } = props;
  const { navigate } = useNavigation();
  const query = useCatalogueQuery();
  const entries = query.data;
  useReportReady(query.isSuccess || query.isError);
  const statusCheck = useStatusCheck(entries);

  // Building the search index costs tens of milliseconds at 2,000 roles: it is built in slices
  // of a few milliseconds right after the list is on screen, so it never holds up a frame and is
  // ready by the time someone types (a search before that finishes it first).
  const index = useMemo(() => (entries ? createSearchIndex(entries) : null), [entries]);
  useEffect(() => {
    if (!index) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slice = () => {
      if (!index.work(8)) timer = setTimeout(slice, 0);
    };
    timer = setTimeout(slice, 0);
    return () => clearTimeout(timer);
  }, [index]);

  const options = useMemo(() => filterOptions(entries ?? []), [entries]);
  // Sorting does not change while typing, so it is done once per sort order.
  const sorted = useMemo(() => sortEntries(entries ?? [], state.sort), [entries, state.sort]);
  // Typing stays responsive: the list re-renders with the latest text when React has time.
  const searchText = useDeferredValue(state.query);
  const search = useMemo(
    () => (searchText.trim() === '' ? null : (index?.search(searchText) ?? null)),
    [index, searchText],
  );
  // The scales of the roles requiring the chosen competency: the level filter is read on one of
  // them (the most used, unless the user picked another), never across them.
  const scales = useMemo(
    () => competencyScales(entries ?? [], state.filters.competency),
    [entries, state.filters.competency],
  );
  const filterScale: LevelScale =
    scales.find((use) => state.filters.levelScale && sameScale(use.scale, state.filters.levelScale))
      ?.scale ??
    scales[0]?.scale ??
    defaultLevelScale();
  // What is matched: the level on the scale shown. A level the scale does not have (state kept
  // from another competency, or edited) is refused as no level, not compared.
  const filters = useMemo<CatalogueFilters>(() => {
    const level = state.filters.minLevel;
    const chosenOn = state.filters.levelScale;
    const bounds: ScaleBounds = { lowest: filterScale.lowest, highest: filterScale.highest };
    // A level chosen on a scale no role requiring the competency uses any more is not moved
    // onto the one shown.
    // (No scale in the state is 0–3, as `CatalogueFilters` has it.)
    const onScale = sameScale(chosenOn ?? defaultLevelScale(), bounds);
    return {
      ...state.filters,
      minLevel: level !== null && onScale && isLevelChoice(level, bounds) ? level : null,
      levelScale: bounds,
    };
  }, [state.filters, filterScale.lowest, filterScale.highest]);
  const searched = useMemo(
    () => (search === null ? sorted : sorted.filter((entry) => search.has(entry.key))),
    [sorted, search],
  );
  const rows = useMemo(
    () => searched.filter((entry) => matchesFilters(entry, filters)),
    [searched, filters],
  );
  const outside = useMemo(() => outsideLevelScale(searched, filters), [searched, filters]);

  const update = (patch: Partial<CatalogueState>) => onStateChange({ ...state, ...patch });
  const setFilter = <K extends keyof CatalogueFilters>(key: K, value: CatalogueFilters[K]) => {
    const next = { ...state.filters, [key]: value };
    if (key === 'competency') {
      // The level only means something together with a competency, and on the scale it was
      // chosen on: it is kept only when the new competency's filter reads that scale too.
      const first = competencyScales(entries ?? [], next.competency)[0]?.scale;
      const kept = value !== null && first !== undefined && sameScale(first, filterScale);
      if (!kept) {
        next.minLevel = null;
        next.levelScale = null;
      }
    }
    update({ filters: next });
  };

  const selectionFull = state.selected.length >= MAX_COMPARE_SELECTION;
  // Stable across renders so the memoised rows do not all re-render on every keystroke.
  const latest = useRef({ state, onStateChange });
  latest.current = { state, onStateChange };
  const toggleSelected = useCallback((key: string, checked: boolean) => {
    const { state: current, onStateChange: change } = latest.current;
    const without = current.selected.filter((k) => k !== key);
    if (checked && without.length < MAX_COMPARE_SELECTION) {
      change({ ...current, selected: [...without, key] });
    } else if (!checked) {
      change({ ...current, selected: without });
    }
  }, []);
  const openRole = useCallback((key: string) => navigate({ name: 'role', key }), [navigate]);

  return {
    query,
    total: entries?.length ?? 0,
    statusCheck,
    rows,
    search,
    options,
    searchText,
    filtersActive: state.query.trim() !== '' || hasFilters(state.filters),
    selectionFull,
    setQuery: (text: string) => update({ query: text }),
    setFilter,
    setStatus: (value: string) =>
      setFilter('status', STATUS_KINDS.find((kind) => kind === value) ?? null),
    scales,
    filterScale,
    /** The level filter as matched: null when the one chosen is not on the scale shown. */
    minLevel: filters.minLevel,
    levelChoices: levelChoices(filterScale),
    outside,
    setMinLevel: (value: string) => {
      const level = levelSchema.safeParse(value === '' ? null : Number(value));
      const accepted =
        level.success && level.data !== null && isLevelChoice(level.data, filterScale);
      // Stored with the scale it was chosen on, so it is never read on another.
      update({
        filters: {
          ...state.filters,
          minLevel: accepted ? level.data : null,
          // The scale shown stays chosen, with a level or "any level".
          levelScale: { lowest: filterScale.lowest, highest: filterScale.highest },
        },
      });
    },
    setLevelScale: (value: string) => {
      const use = scales.find((u) => scaleRange(u.scale) === value);
      if (!use || sameScale(use.scale, filterScale)) return;
      // A level chosen on one scale means something else on another: it is not carried over.
      update({
        filters: {
          ...state.filters,
          minLevel: null,
          levelScale: { lowest: use.scale.lowest, highest: use.scale.highest },
        },
      });
    },
    setSort: (value: string) =>
      update({ sort: SORT_KEYS.find((key) => key === value) ?? 'title-asc' }),
    clearFilters: () => update({ query: '', filters: NO_FILTERS }),
    toggleSelected,
    clearSelection: () => update({ selected: [] }),
    openRole,
    compareSelected: () => {
      const route: Route = { name: 'compare', keys: state.selected };
      navigate(route);
    },
  };
}

export type CatalogueLogic = ReturnType<typeof useCatalogue>;
