import { useCallback, useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { levelSchema } from '../../../../domain/schema';
import { MAX_COMPARE_SELECTION, type Route } from '../../../shared/routes';
import { useNavigation } from '../../../components/navigation';
import { useReportReady } from '../../../components/ready';
import { useCatalogueQuery } from '../../../data/queries';
import {
  filterOptions,
  hasFilters,
  matchesFilters,
  NO_FILTERS,
  SORT_KEYS,
  sortEntries,
  STATUS_KINDS,
  type CatalogueFilters,
} from '../filters';
import { createSearchIndex } from '../search-index';
import type { CatalogueProps, CatalogueState } from './Catalogue.types';

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
  const rows = useMemo(
    () =>
      sorted.filter(
        (entry) =>
          matchesFilters(entry, state.filters) && (search === null || search.has(entry.key)),
      ),
    [sorted, search, state.filters],
  );

  const update = (patch: Partial<CatalogueState>) => onStateChange({ ...state, ...patch });
  const setFilter = <K extends keyof CatalogueFilters>(key: K, value: CatalogueFilters[K]) => {
    const filters = { ...state.filters, [key]: value };
    // The level only means something together with a competency.
    if (key === 'competency' && value === null) filters.minLevel = null;
    update({ filters });
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
    setMinLevel: (value: string) => {
      const level = levelSchema.safeParse(value === '' ? null : Number(value));
      setFilter('minLevel', level.success ? level.data : null);
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
