/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, within } from '@testing-library/react';
import { readFileSync } from 'fs';
import { join } from 'path';
import { contentHash } from '../../src/domain/content-hash';
import type { FunctionDescription } from '../../src/domain/schema';
import { deriveStatus } from '../../src/domain/status';
import { parseDocument } from '../../src/import/parse';
import type { RoleDetail } from '../../src/tab/shared/host-context';
import { axeViolations, fakeRepositories, renderApp } from './support/render-app';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('./support/sync-views'));

/*
 * The two sample documents as the importer reads them, shown by the tab: the path real content
 * takes, with its real size (39 and 16 competencies) and its real wording.
 */

function parseSample(file: string): FunctionDescription {
  const text = readFileSync(join(__dirname, '../../src/samples', file), 'utf8');
  const result = parseDocument(text, file);
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.errors)}`);
  return result.description;
}

/**
 * The status the data layer derives: an imported decision on the document's approval line,
 * written by someone outside the approver group — historical, not counting (docs/approval.md).
 */
async function detail(description: FunctionDescription): Promise<RoleDetail> {
  const hash = await contentHash(description);
  const decisions = description.approval
    ? [
        {
          id: '1',
          requestId: null,
          outcome: 'approved' as const,
          decisionDate: description.approval.decisionDate,
          decidedAt: `${description.approval.decisionDate}T12:00:00Z`,
          contentHash: hash,
          reason: null,
          createdBy: { id: 'hr', displayName: 'HR' },
          imported: true,
        },
      ]
    : [];
  const { status } = deriveStatus({ currentHash: hash, requests: [], decisions, approverIds: [] });
  return { description, status, sharePointUrl: null };
}

let roles: RoleDetail[];

beforeAll(async () => {
  roles = await Promise.all([
    detail(parseSample('functiebeschrijving-deskundige-ict.txt')),
    detail(parseSample('functieprofiel-leidinggevende.txt')),
  ]);
});

describe('the sample documents in the tab', () => {
  test('Deskundige ICT: every competency, Tekstverwerking at "Niveau 2", historical approval of 9 February 2023', async () => {
    const { container } = renderApp({
      subPageId: 'role/deskundige-ict',
      repositories: fakeRepositories(roles, []),
    });
    const tekst = await screen.findByRole('region', { name: 'Tekstverwerking' });
    expect(tekst).toHaveTextContent('Vereist: Niveau 2 (Gevorderd)');
    expect(within(tekst).getByRole('img', { name: 'Vereist niveau 2 van 3' })).toBeInTheDocument();
    expect(within(tekst).getByRole('tabpanel')).toHaveTextContent(
      'Kan figuren en tabellen invoegen.',
    );
    const competencies = screen.getByRole('region', { name: 'Competenties' });
    expect(within(competencies).getAllByRole('tablist')).toHaveLength(
      roles[0]!.description.competencies.filter((c) => c.levels.length > 0).length,
    );
    expect(roles[0]!.description.competencies).toHaveLength(39);
    expect(screen.getByRole('region', { name: 'Goedkeuring' })).toHaveTextContent(
      'Historisch besluit van 9 februari 2023 (geïmporteerd)',
    );
    // The page footer of the PDF never ends up in the content.
    expect(container).not.toHaveTextContent('Pagina 16 van 16');
  });

  test('Leidinggevende: a functieprofiel with its 16 competencies and no level scale', async () => {
    renderApp({ subPageId: 'role/leidinggevende', repositories: fakeRepositories(roles, []) });
    const competencies = await screen.findByRole('region', { name: 'Competenties' });
    expect(within(competencies).getAllByRole('button', { name: /^Meer over / })).toHaveLength(16);
    expect(within(competencies).queryByRole('img')).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Goedkeuring' })).toHaveTextContent('Concept');
  });

  test('the two compared: a summary and one row per competency', async () => {
    const { container } = renderApp({
      subPageId: 'compare/deskundige-ict/leidinggevende',
      repositories: fakeRepositories(roles, []),
    });
    const table = await screen.findByRole('table');
    const names = new Set(
      roles.flatMap((r) => r.description.competencies.map((c) => c.name.trim().toLowerCase())),
    );
    expect(within(table).getAllByRole('rowheader')).toHaveLength(names.size);
    const summary = screen.getByRole('region', { name: 'Samenvatting' });
    expect(summary).toHaveTextContent(/competenties enkel in Deskundige ICT/);
    expect(await axeViolations(container)).toEqual([]);
  });
});
