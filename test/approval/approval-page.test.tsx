/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { contentHash, type ContentHash } from '../../src/domain/content-hash';
import { contentOf } from '../../src/domain/content-hash';
import type {
  ApprovalView,
  DecideInput,
  DecideResult,
  RoleHistory,
} from '../../src/services/approval';
import { ApprovalConflictError } from '../../src/services/approval';
import { ForbiddenError } from '../../src/graph/errors';
import type { RequestRecord } from '../../src/graph/model';
import type { TabApprovalPort, TabPermissions } from '../../src/tab/shared/host-context';
import { fakeRepositories, renderApp } from '../tab/support/render-app';
import { deskundigeIct } from '../tab/support/fixtures';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('../tab/support/sync-views'));

// jsdom has no layout, so no ResizeObserver; Fluent's MessageBar measures itself with one.
class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
window.ResizeObserver = NoLayoutResizeObserver as unknown as typeof ResizeObserver;

const ROLES: Record<'staff' | 'hr' | 'approver', TabPermissions> = {
  staff: { canEdit: false, canSubmit: false, canApprove: false },
  hr: { canEdit: true, canSubmit: true, canApprove: false },
  approver: { canEdit: false, canSubmit: false, canApprove: true },
};

let hash: ContentHash;
beforeAll(async () => {
  hash = await contentHash(deskundigeIct);
});

function request(): RequestRecord {
  return {
    id: '7',
    roleId: '1',
    eTag: '"1"',
    createdAt: '2025-03-10T09:00:00Z',
    status: 'open',
    contentHash: hash,
    note: 'Nieuwe taakafspraak',
    teamId: null,
    channelId: null,
    messageId: null,
    createdBy: { id: 'hr', displayName: 'Hilde Janssens' },
    closedBy: null,
  };
}

function fakePort(
  overrides: Partial<TabApprovalPort> = {},
): TabApprovalPort & { decide: jest.Mock<Promise<DecideResult>, [DecideInput]> } {
  const view: ApprovalView = {
    request: request(),
    role: { id: '1', key: deskundigeIct.key, content: contentOf(deskundigeIct), webUrl: null },
    currentHash: hash,
    status: {
      kind: 'pending',
      requestId: '7',
      since: '2025-03-10T09:00:00Z',
      changedSinceApproval: null,
      changedSinceRequest: false,
    },
    lastApproved: null,
    changes: null,
    decision: null,
    changedSinceRequest: false,
    unfinishedByMe: false,
  };
  const history: RoleHistory = {
    roleId: '1',
    currentHash: hash,
    status: view.status,
    requests: [request()],
    decisions: [],
    changesSinceApproval: null,
  };
  return {
    submit: jest.fn(),
    decide: jest.fn(() => Promise.reject(new Error('niet verwacht'))),
    view: jest.fn(() => Promise.resolve(view)),
    history: jest.fn(() => Promise.resolve(history)),
    queue: jest.fn(() =>
      Promise.resolve([
        { request: request(), roleKey: deskundigeIct.key, roleTitle: deskundigeIct.title },
      ]),
    ),
    ...overrides,
  } as TabApprovalPort & { decide: jest.Mock<Promise<DecideResult>, [DecideInput]> };
}

/**
 * The open dialog with this title. Found by its title text, not `findByRole('dialog', { name })`:
 * role queries walk the whole page's accessibility tree in jsdom, which is slow enough on a busy
 * machine to hit the query timeout.
 */
async function dialogTitled(title: string): Promise<HTMLElement> {
  const heading = await screen.findByText(title, {}, { timeout: 5000 });
  const dialog = heading.closest<HTMLElement>('[role="dialog"]');
  if (!dialog) throw new Error(`"${title}" staat niet in een dialoogvenster`);
  expect(dialog).toHaveAttribute('aria-modal', 'true');
  return dialog;
}

function open(
  role: keyof typeof ROLES,
  port: TabApprovalPort,
  subPageId: string | null = 'approval/7',
  locale = 'nl-BE',
) {
  return renderApp({
    locale,
    subPageId,
    permissions: ROLES[role],
    repositories: { ...fakeRepositories(), approval: port },
  });
}

describe('approval page by role', () => {
  test('an approver sees the content, the request and both actions', async () => {
    open('approver', fakePort());
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Goedkeuring: Deskundige ICT' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Voorgelegd door Hilde Janssens op 10 maart 2025\. Toelichting: Nieuwe taakafspraak/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Goedkeuren' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Afwijzen' })).toBeInTheDocument();
  });

  test.each(['staff', 'hr'] as const)(
    '%s sees the page without any approval action',
    async (role) => {
      open(role, fakePort());
      await screen.findByRole('heading', { level: 1, name: 'Goedkeuring: Deskundige ICT' });
      expect(screen.queryByRole('button', { name: 'Goedkeuren' })).toBeNull();
      expect(screen.queryByRole('button', { name: 'Afwijzen' })).toBeNull();
    },
  );

  test('approving is confirmed in a dialog and sends the hash that was shown', async () => {
    const user = userEvent.setup();
    const port = fakePort();
    port.decide.mockImplementation(() => new Promise(() => undefined));
    open('approver', port);
    await user.click(await screen.findByRole('button', { name: 'Goedkeuren' }));
    const dialog = await dialogTitled('Goedkeuren?');
    expect(port.decide).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Goedkeuren' }));
    expect(port.decide).toHaveBeenCalledWith({
      requestId: '7',
      outcome: 'approved',
      reason: null,
      seenHash: hash,
    });
  });

  test('rejecting needs a reason before it can be confirmed', async () => {
    const user = userEvent.setup();
    const port = fakePort();
    port.decide.mockImplementation(() => new Promise(() => undefined));
    open('approver', port);
    await user.click(await screen.findByRole('button', { name: 'Afwijzen' }));
    const dialog = await dialogTitled('Afwijzen?');
    const confirm = within(dialog).getByRole('button', { name: 'Afwijzen' });
    expect(confirm).toBeDisabled();
    await user.type(
      within(dialog).getByRole('textbox', { name: /Reden van afwijzing/ }),
      'Loopbaan klopt niet',
    );
    await user.click(confirm);
    expect(port.decide).toHaveBeenCalledWith({
      requestId: '7',
      outcome: 'rejected',
      reason: 'Loopbaan klopt niet',
      seenHash: hash,
    });
  });

  test('a refused write is explained plainly in Dutch', async () => {
    const user = userEvent.setup();
    const port = fakePort();
    port.decide.mockRejectedValue(
      new ForbiddenError(
        'Alleen de algemeen directeur of een adjunct-algemeen directeur kan beslissen.',
      ),
    );
    open('approver', port);
    await user.click(await screen.findByRole('button', { name: 'Goedkeuren' }));
    await user.click(
      within(await dialogTitled('Goedkeuren?')).getByRole('button', { name: 'Goedkeuren' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Geweigerd: Alleen de algemeen directeur',
    );
  });

  test('content changed after the request: no actions, and why', async () => {
    const port = fakePort();
    const changed = await (port.view as jest.Mock)();
    port.view = jest.fn(() => Promise.resolve({ ...changed, changedSinceRequest: true }));
    open('approver', port);
    expect(await screen.findByText(/gewijzigd nadat ze werd voorgelegd/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Goedkeuren' })).toBeNull();
  });

  test('a request closed by someone else without a decision offers no actions', async () => {
    const port = fakePort();
    const view = await (port.view as jest.Mock)();
    const closed = { ...view.request, status: 'closed', closedBy: { id: 'x', displayName: 'X' } };
    port.view = jest.fn(() => Promise.resolve({ ...view, request: closed }));
    open('approver', port);
    expect(await screen.findByText(/gesloten zonder besluit/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Goedkeuren' })).toBeNull();
  });

  test('my own close whose decision was lost: the page says so and offers the decision again', async () => {
    const port = fakePort();
    const view = await (port.view as jest.Mock)();
    const closed = { ...view.request, status: 'closed', closedBy: { id: 'me', displayName: 'Ik' } };
    port.view = jest.fn(() => Promise.resolve({ ...view, request: closed, unfinishedByMe: true }));
    open('approver', port);
    expect(await screen.findByText(/niet volledig bewaard/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Goedkeuren' })).toBeEnabled();
  });
});

describe('role page and catalogue by role', () => {
  test('HR sees "Ter goedkeuring voorleggen" and submits with a note after confirming', async () => {
    const user = userEvent.setup();
    const port = fakePort({
      submit: jest.fn(() =>
        Promise.resolve({
          request: request(),
          cardPosted: true,
          notifiedApprovers: 2,
          warnings: [],
        }),
      ),
    });
    open('hr', port, 'role/deskundige-ict');
    await user.click(await screen.findByRole('button', { name: 'Ter goedkeuring voorleggen' }));
    const dialog = await dialogTitled('Ter goedkeuring voorleggen?');
    await user.type(within(dialog).getByRole('textbox'), 'Graag voor de raad');
    await user.click(within(dialog).getByRole('button', { name: 'Voorleggen' }));
    expect(port.submit).toHaveBeenCalledWith('deskundige-ict', 'Graag voor de raad');
    expect(await screen.findByText('Voorgelegd ter goedkeuring.')).toBeInTheDocument();
  });

  test.each(['staff', 'approver'] as const)(
    '%s does not see the submit button; the history is there',
    async (role) => {
      open(role, fakePort(), 'role/deskundige-ict');
      expect(
        await screen.findByRole('list', { name: 'Geschiedenis van de goedkeuring' }),
      ).toHaveTextContent('Voorgelegd door Hilde Janssens');
      expect(screen.queryByRole('button', { name: 'Ter goedkeuring voorleggen' })).toBeNull();
    },
  );

  test('approvers get the "Te beslissen" queue on the start page, others do not', async () => {
    const user = userEvent.setup();
    open('approver', fakePort(), null);
    const queue = await screen.findByRole('region', { name: 'Te beslissen' });
    await user.click(await within(queue).findByRole('button', { name: 'Deskundige ICT' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Goedkeuring: Deskundige ICT' }),
    ).toBeInTheDocument();
  });

  test('staff get no queue', async () => {
    open('staff', fakePort(), null);
    await screen.findAllByRole('heading');
    expect(screen.queryByRole('region', { name: 'Te beslissen' })).toBeNull();
  });
});

describe('approval page in an English Teams client', () => {
  const openInEnglish = (role: keyof typeof ROLES, port: TabApprovalPort, subPageId?: string) =>
    open(role, port, subPageId ?? 'approval/7', 'en-US');

  test('shows the request, the status and the actions in English; the content stays as written', async () => {
    openInEnglish('approver', fakePort());
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Approval: Deskundige ICT' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Submitted by Hilde Janssens on 10 March 2025. Note: Nieuwe taakafspraak'),
    ).toBeInTheDocument();
    expect(screen.getByText('Pending approval')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Never approved' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Content' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reject' })).toBeInTheDocument();
    expect(screen.queryByText(/Voorgelegd door|Goedkeuren|Afwijzen|Inhoud/)).toBeNull();
  });

  test('a decision saved with a warning says what did not work, in English', async () => {
    const user = userEvent.setup();
    const port = fakePort();
    port.decide.mockImplementation(() =>
      Promise.resolve({
        decision: {
          id: '9',
          requestId: '7',
          outcome: 'approved',
          decisionDate: '2025-03-14',
          decidedAt: '2025-03-14T10:00:00Z',
          contentHash: hash,
          reason: null,
          createdBy: { id: 'jan', displayName: 'Jan Peeters' },
          imported: false,
          roleId: '1',
          snapshot: null,
        },
        request: { ...request(), status: 'closed' as const },
        replyPosted: false,
        warnings: [{ kind: 'reply-not-posted' as const, detail: 'HTTP 503' }],
      }),
    );
    openInEnglish('approver', port);
    await user.click(await screen.findByRole('button', { name: 'Approve' }));
    const dialog = await dialogTitled('Approve?');
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));
    expect(
      await screen.findByText(
        'The decision is saved, but the reply in the channel could not be posted (HTTP 503).',
      ),
    ).toBeInTheDocument();
  });

  test('the reject dialog and a refusal are in English', async () => {
    const user = userEvent.setup();
    const port = fakePort();
    port.decide.mockRejectedValue(
      new ApprovalConflictError(
        'already-decided',
        'Over deze aanvraag is al beslist: goedgekeurd door Jan Peeters op 14 maart 2025.',
      ),
    );
    openInEnglish('approver', port);
    await user.click(await screen.findByRole('button', { name: 'Reject' }));
    const dialog = await dialogTitled('Reject?');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    await user.type(
      within(dialog).getByRole('textbox', { name: /Reason for rejection/ }),
      'Loopbaan klopt niet',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This request has already been decided. Refresh the page to see the decision.',
    );
  });

  test('the role history is in English, with a historical (imported) decision explained', async () => {
    const port = fakePort();
    const history = await (port.history as jest.Mock)();
    port.history = jest.fn(() =>
      Promise.resolve({
        ...history,
        status: { kind: 'draft', historicalDate: '2023-02-09' },
        decisions: [
          {
            decision: {
              id: '3',
              roleId: '1',
              requestId: null,
              outcome: 'approved',
              decisionDate: '2023-02-09',
              decidedAt: '2025-01-02T09:00:00Z',
              contentHash: hash,
              reason: null,
              createdBy: { id: 'it', displayName: 'Tom Vermeulen' },
              imported: true,
              snapshot: null,
            },
            invalid: 'imported',
          },
        ],
      }),
    );
    openInEnglish('approver', port, 'role/deskundige-ict');
    const list = await screen.findByRole('list', { name: 'Approval history' });
    expect(list).toHaveTextContent('Submitted by Hilde Janssens on 10 March 2025');
    expect(list).toHaveTextContent(
      'Approved by Tom Vermeulen on 9 February 2023 (historical decision (imported): does not count as an approval in Functiewijzer)',
    );
  });

  test('the role history says which decision’s maker was recognised by e-mail address only', async () => {
    const port = fakePort();
    const history = await (port.history as jest.Mock)();
    const decided = (id: string, name: string, date: string) => ({
      id,
      roleId: '1',
      requestId: null,
      outcome: 'approved' as const,
      decisionDate: date,
      decidedAt: `${date}T09:00:00Z`,
      contentHash: hash,
      reason: null,
      createdBy: { id: '', displayName: name },
      imported: false,
      snapshot: null,
    });
    port.history = jest.fn(() =>
      Promise.resolve({
        ...history,
        decisions: [
          {
            decision: decided('3', 'Jan Peeters', '2025-03-11'),
            invalid: null,
            matchedByEmail: true,
          },
          {
            decision: decided('4', 'Els Wouters', '2025-03-12'),
            invalid: null,
            matchedByEmail: false,
          },
        ],
      }),
    );
    open('approver', port, 'role/deskundige-ict');
    const list = await screen.findByRole('list', { name: 'Geschiedenis van de goedkeuring' });
    const items = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent ?? '');
    expect(items.find((i) => i.includes('Jan Peeters'))).toMatch(
      /Jan Peeters op 11 maart 2025 \(herkend aan e-mailadres\)/,
    );
    expect(items.find((i) => i.includes('Els Wouters'))).not.toMatch(/e-mailadres/);
  });

  test('the "To decide" queue', async () => {
    openInEnglish('approver', fakePort(), '');
    const queue = await screen.findByRole('region', { name: 'To decide' });
    expect(
      await within(queue).findByText(/submitted by Hilde Janssens on 10 March 2025/),
    ).toBeInTheDocument();
  });
});
