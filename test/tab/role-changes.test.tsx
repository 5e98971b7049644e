/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, within } from '@testing-library/react';
import type { RoleStatus } from '../../src/domain/status';
import type { RoleDetail } from '../../src/tab/shared/host-context';
import { deskundigeIct, roleDetail } from './support/fixtures';
import { axeViolations, fakeRepositories, renderApp } from './support/render-app';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('./support/sync-views'));

/*
 * Issue 14, item 4: a role that changed since its approval shows what changed to everyone who
 * may see it — staff too, who have no approval section — and the heading "Gewijzigd sinds de
 * goedkeuring van …" never stands above "Geen wijzigingen".
 */

const changed: RoleStatus = { kind: 'changed', approvedDate: '2023-02-09', decisionId: '1' };
const HEADING = 'Gewijzigd sinds de goedkeuring van 9 februari 2023';

function renderRole(detail: RoleDetail) {
  return renderApp({
    subPageId: `role/${detail.description.key}`,
    repositories: fakeRepositories([detail]),
  });
}

describe('role page: what changed since the approval', () => {
  test('staff see the heading and the change, as text', async () => {
    const { container } = renderRole({
      ...roleDetail(deskundigeIct, changed),
      changesSinceApproval: {
        approvedDate: '2023-02-09',
        changes: [{ kind: 'competency-level', name: 'Klantgerichtheid', before: 3, after: 2 }],
      },
    });
    const heading = await screen.findByRole('heading', { name: HEADING });
    expect(heading).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Wijzigingen' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(list).toHaveTextContent('Klantgerichtheid');
    expect(screen.queryByText(/Geen wijzigingen/)).not.toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
  });

  test('no heading when there is nothing to list, nor for a role that did not change', async () => {
    renderRole({
      ...roleDetail(deskundigeIct, changed),
      changesSinceApproval: { approvedDate: '2023-02-09', changes: [] },
    });
    await screen.findByRole('heading', { level: 1, name: 'Deskundige ICT' });
    expect(screen.queryByRole('heading', { name: HEADING })).not.toBeInTheDocument();
    expect(screen.queryByText(/Geen wijzigingen/)).not.toBeInTheDocument();
  });
});
