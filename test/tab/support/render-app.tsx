import { render, type RenderResult } from '@testing-library/react';
import axe from 'axe-core';
import { NotFoundError } from '../../../src/graph/errors';
import { App } from '../../../src/tab/app/App';
import type {
  CatalogueEntry,
  DictionaryCompetency,
  RoleDetail,
  TabCacheStorage,
  TabHost,
  TabRepositories,
} from '../../../src/tab/shared/host-context';
import { catalogueEntry, sampleDictionary, sampleRoles } from './fixtures';

export interface FakeRepositories extends TabRepositories {
  listCatalogue: jest.Mock<Promise<CatalogueEntry[]>, [AbortSignal?]>;
  getRole: jest.Mock<Promise<RoleDetail>, [string, AbortSignal?]>;
  listCompetencies: jest.Mock<Promise<DictionaryCompetency[]>, [AbortSignal?]>;
}

/** Repositories over in-memory interchange objects, rejecting like the Graph layer does. */
export function fakeRepositories(
  roles: RoleDetail[] = sampleRoles,
  dictionary: DictionaryCompetency[] = sampleDictionary,
  catalogue: CatalogueEntry[] = roles.map(catalogueEntry),
): FakeRepositories {
  return {
    listCatalogue: jest.fn(() => Promise.resolve(catalogue)),
    getRole: jest.fn((key: string) => {
      const found = roles.find((role) => role.description.key === key);
      return found
        ? Promise.resolve(found)
        : Promise.reject(new NotFoundError(`Geen functie met sleutel ${key}.`));
    }),
    listCompetencies: jest.fn(() => Promise.resolve(dictionary)),
  };
}

export function memoryStorage(initial: Record<string, string> = {}): TabCacheStorage & {
  data: Map<string, string>;
} {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => Promise.resolve(data.get(key) ?? null),
    setItem: (key, value) => {
      data.set(key, value);
      return Promise.resolve();
    },
    removeItem: (key) => {
      data.delete(key);
      return Promise.resolve();
    },
  };
}

export function makeHost(overrides: Partial<TabHost> = {}): TabHost {
  return {
    theme: 'default',
    locale: 'nl-BE',
    subPageId: null,
    user: {
      upn: 'sofie.maes@stadtienen.onmicrosoft.com',
      displayName: 'Sofie Maes',
      role: 'staff',
    },
    repositories: fakeRepositories(),
    permissions: { canEdit: false, canSubmit: false, canApprove: false },
    sharePointListUrl: 'https://stadtienen.sharepoint.com/sites/functiewijzer/Lists/Functies',
    // Tests start without a persisted cache unless they pass one.
    cacheStorage: null,
    ...overrides,
  };
}

export function renderApp(overrides: Partial<TabHost> = {}): RenderResult & { host: TabHost } {
  const host = makeHost(overrides);
  return { ...render(<App host={host} />), host };
}

/**
 * axe-core on the rendered DOM. Colour contrast needs real layout and paint, which jsdom has
 * not: that rule runs in the Chromium end-to-end suite instead.
 */
export async function axeViolations(container: Element): Promise<string[]> {
  const result = await axe.run(container, {
    rules: { 'color-contrast': { enabled: false } },
  });
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

// jsdom has no layout and does not implement scrolling; the virtualised list calls it.
window.scrollTo = () => undefined;
