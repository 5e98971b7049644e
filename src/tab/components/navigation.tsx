import { createContext, useContext } from 'react';
import type { Route } from '../shared/routes';

export interface Navigation {
  route: Route;
  /** Opens a view; "Terug" returns from it. */
  navigate(route: Route): void;
  /** Changes the current view in place (e.g. the roles being compared), without a back step. */
  replace(route: Route): void;
  /** To the previous view, or the catalogue when the tab was opened on this one. */
  back(): void;
  canGoBack: boolean;
  /** True once the user has moved inside the tab: the new view's heading then takes focus. */
  moved: boolean;
}

export const NavigationContext = createContext<Navigation>({
  route: { name: 'catalogue' },
  navigate: () => undefined,
  replace: () => undefined,
  back: () => undefined,
  canGoBack: false,
  moved: false,
});

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}
