import type { CatalogueFilters, SortKey } from '../filters';

/** The catalogue's view state; the app shell keeps it so it survives a visit to a role page. */
export interface CatalogueState {
  query: string;
  filters: CatalogueFilters;
  sort: SortKey;
  /** Keys of the roles ticked for comparison, in the order they were ticked. */
  selected: string[];
}

export interface CatalogueProps {
  state: CatalogueState;
  onStateChange: (next: CatalogueState) => void;
}
