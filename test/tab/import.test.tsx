/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDecoder, TextEncoder } from 'node:util';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { contentOf } from '../../src/domain/content-hash';
import type { FunctionContent, FunctionDescription } from '../../src/domain/schema';
import { readPdfPagesInNode } from '../../src/import/extract-pdf';
import type { ImportPort, SaveOutcome } from '../../src/services/import';
import { parseFile } from '../../src/tab/features/import/parser/parse-file';
import { refuseUnread } from '../../src/tab/features/import/parser/refuse-unread';
import { axeViolations, fakeRepositories, renderApp } from './support/render-app';

jest.mock('../../src/tab/app/lazy-views', () => ({
  viewLoaders: {
    ...jest.requireActual<typeof import('./support/sync-views')>('./support/sync-views')
      .viewLoaders,
    importer: () =>
      Promise.resolve(
        jest.requireActual<typeof import('../../src/tab/features/import/ImportPage/ImportPage')>(
          '../../src/tab/features/import/ImportPage/ImportPage',
        ),
      ),
  },
}));

/*
 * jsdom has no Web Worker: the page's parser is swapped for one that runs the worker's own
 * `parseFile` in-process (with Node's pdf.js reader), after the same checks before reading.
 */
jest.mock('../../src/tab/features/import/parser/parser-client', () => ({
  createDocumentParser: () => ({
    parse: async (file: File, profile: null) => {
      const { refuseUnread: refuse } = jest.requireActual<
        typeof import('../../src/tab/features/import/parser/refuse-unread')
      >('../../src/tab/features/import/parser/refuse-unread');
      const refused = refuse(file);
      if (refused) return refused;
      const bytes = await new Promise<ArrayBuffer>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as ArrayBuffer);
        reader.onerror = () => reject(reader.error);
        reader.readAsArrayBuffer(file);
      });
      const reply = await jest
        .requireActual<typeof import('../../src/tab/features/import/parser/parse-file')>(
          '../../src/tab/features/import/parser/parse-file',
        )
        .parseFile(
          { id: 1, fileName: file.name, bytes, profile },
          jest.requireActual<typeof import('../../src/import/extract-pdf')>(
            '../../src/import/extract-pdf',
          ).readPdfPagesInNode,
        );
      return reply.result;
    },
    dispose: () => undefined,
  }),
}));

// Each document is really parsed (and a busy machine is slow): wait up to 10 s for its preview.
configure({ asyncUtilTimeout: 10_000 });

// jsdom leaves out the encoders the browser has (and the importer's text decoding uses).
Object.assign(globalThis, { TextDecoder, TextEncoder });

function readSeed(file: string): string {
  return readFileSync(join(__dirname, '..', '..', 'src', 'samples', file), 'utf8');
}

const HR = { canEdit: true, canSubmit: true, canApprove: false };
const STAFF = { canEdit: false, canSubmit: false, canApprove: false };
const SEED = readSeed('functiebeschrijving-deskundige-ict.txt');

function fakeImporter(current: Record<string, FunctionContent> = {}) {
  const save = jest.fn((descriptions: readonly FunctionDescription[]): Promise<SaveOutcome[]> =>
    Promise.resolve(
      descriptions.map((d) =>
        current[d.key]
          ? {
              key: d.key,
              title: d.title,
              kind: 'written' as const,
              action: 'updated' as const,
              skippedApproval: null,
            }
          : {
              key: d.key,
              title: d.title,
              kind: 'written' as const,
              action: 'created' as const,
              skippedApproval: null,
            },
      ),
    ),
  );
  const read = jest.fn((key: string): Promise<FunctionContent | null> =>
    Promise.resolve(current[key] ?? null),
  );
  const port: ImportPort & { save: typeof save; current: typeof read } = {
    current: read,
    save,
  };
  return port;
}

function renderImport(importer = fakeImporter()) {
  const repositories = { ...fakeRepositories(), importer };
  return renderApp({ subPageId: 'import', permissions: HR, repositories });
}

async function drop(files: File[]) {
  const input = screen.getByTestId('import-file-input');
  await userEvent.upload(input, files);
}

/** Dropped on the zone: no file dialog filters what a user drags in. */
function dropOnZone(files: File[]) {
  fireEvent.drop(screen.getByRole('region', { name: 'Documenten om te importeren' }), {
    dataTransfer: { files },
  });
}

function textFile(name: string, text: string): File {
  return new File([text], name, { type: 'text/plain' });
}

describe('import page', () => {
  test('HR sees the entry and opens the page', async () => {
    const repositories = { ...fakeRepositories(), importer: fakeImporter() };
    renderApp({ permissions: HR, repositories });
    await userEvent.click(await screen.findByRole('button', { name: 'Importeren' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Functiebeschrijvingen importeren' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Bestanden kiezen' })).toBeInTheDocument();
  });

  test('staff see no entry, and a link to the page gives the catalogue with a notice', async () => {
    const repositories = { ...fakeRepositories(), importer: fakeImporter() };
    renderApp({ subPageId: 'import', permissions: STAFF, repositories });
    expect(await screen.findByText(/Importeren is voorbehouden aan HR/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Importeren' })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Functiebeschrijvingen importeren' }),
    ).not.toBeInTheDocument();
  });

  test('a directeur sees no entry either', async () => {
    renderApp({
      subPageId: 'import',
      permissions: { canEdit: false, canSubmit: false, canApprove: true },
    });
    expect(await screen.findByText(/Importeren is voorbehouden aan HR/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Importeren' })).not.toBeInTheDocument();
  });

  test('a dropped document is previewed: title, general data, result areas, competencies with levels', async () => {
    renderImport();
    await screen.findByRole('heading', { level: 1, name: 'Functiebeschrijvingen importeren' });
    await drop([textFile('deskundige-ict.txt', SEED)]);
    const card = await screen.findByRole('region', { name: 'deskundige-ict.txt' });
    expect(
      await within(card).findByRole('heading', { name: 'Deskundige ICT' }),
    ).toBeInTheDocument();
    expect(within(card).getByText('Afdeling').nextElementSibling).toHaveTextContent(
      'Algemeen beheer',
    );
    expect(within(card).getByText('Functionele loopbaan').nextElementSibling).toHaveTextContent(
      'B1-B3',
    );
    expect(within(card).getByText(/Tekstverwerking: Niveau 2 \(schaal 0 tot 3\)/)).toBeVisible();
    expect(
      within(card).getAllByRole('img', { name: 'Vereist niveau 2 van 3' }).length,
    ).toBeGreaterThan(0);
    expect(
      await within(card).findByText('Nieuwe functie: ze bestaat nog niet in SharePoint.'),
    ).toBeInTheDocument();
    expect(within(card).getByRole('checkbox', { name: 'Deskundige ICT opslaan' })).toBeChecked();
    expect(await axeViolations(document.body)).toEqual([]);
  });

  test('bad input: a .doc, a 60 MB file and two titles, each with its own Dutch message; nothing to select', async () => {
    renderImport();
    await screen.findByRole('heading', { level: 1, name: 'Functiebeschrijvingen importeren' });
    const big = textFile('groot.txt', 'x');
    Object.defineProperty(big, 'size', { value: 60 * 1024 * 1024 });
    const twoTitles = SEED.replace(
      'Functienaam: Deskundige ICT',
      'Functienaam: Deskundige ICT\n\nFunctienaam: Medewerker onthaal',
    );
    dropOnZone([new File(['oud'], 'oud.doc'), big, textFile('twee-titels.txt', twoTitles)]);
    const doc = await screen.findByRole('region', { name: 'oud.doc' });
    expect(
      await within(doc).findByText(
        /bestandstype '\.doc' wordt niet ondersteund\. Open het in Word en sla het op als \.docx\./,
      ),
    ).toBeInTheDocument();
    const large = screen.getByRole('region', { name: 'groot.txt' });
    expect(
      await within(large).findByText(/bestand te groot \(60 MB; maximaal 50 MB\)/),
    ).toBeVisible();
    const two = screen.getByRole('region', { name: 'twee-titels.txt' });
    expect(
      await within(two).findByText(/^regel \d+: twee verschillende functietitels/),
    ).toBeVisible();
    for (const region of [doc, large, two]) {
      expect(within(region).queryByRole('checkbox')).not.toBeInTheDocument();
      expect(
        within(region).getByText('Dit document heeft fouten: het kan niet opgeslagen worden.'),
      ).toBeVisible();
    }
    // Unavailable, yet focusable (the keyboard user keeps their place): aria-disabled, not disabled.
    expect(screen.getByRole('button', { name: 'Opslaan in SharePoint (0)' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });

  test('the 60 MB file is refused before it is read', () => {
    const big = { name: 'groot.pdf', size: 60 * 1024 * 1024 };
    expect(refuseUnread(big)).toEqual({
      ok: false,
      errors: [
        { file: 'groot.pdf', line: null, message: 'bestand te groot (60 MB; maximaal 50 MB).' },
      ],
    });
  });

  test('save writes the selected documents through the import service and shows each result; the bad one is not sent', async () => {
    const importer = fakeImporter();
    renderImport(importer);
    await screen.findByRole('heading', { level: 1, name: 'Functiebeschrijvingen importeren' });
    dropOnZone([textFile('deskundige-ict.txt', SEED), new File(['x'], 'oud.doc')]);
    const card = await screen.findByRole('region', { name: 'deskundige-ict.txt' });
    await within(card).findByText('Nieuwe functie: ze bestaat nog niet in SharePoint.');
    await userEvent.click(screen.getByRole('button', { name: 'Opslaan in SharePoint (1)' }));
    expect(await within(card).findByText(/Opgeslagen als nieuwe functie\./)).toBeVisible();
    expect(importer.save).toHaveBeenCalledTimes(1);
    const sent = importer.save.mock.calls[0]?.[0] ?? [];
    expect(sent.map((d) => d.key)).toEqual(['deskundige-ict']);
    expect(screen.getByRole('status')).toHaveTextContent(
      '1 van 1 documenten opgeslagen of al up-to-date.',
    );
    expect(within(card).getByRole('button', { name: 'Deskundige ICT openen' })).toBeVisible();
  });

  /**
   * The confirmation dialog, found by its title's text: in jsdom, Fluent's focus manager
   * (tabster, one per window and kept across the tests of a file) now and then marks a freshly
   * opened dialog itself aria-hidden, as if it were outside the active modal, so a role query
   * misses it; in Chromium it does not (the e2e suite checks the tab's dialogs with axe).
   */
  const confirmDialog = async (): Promise<HTMLElement> => {
    const title = await screen.findByText('Bestaande functies overschrijven?');
    const dialog = title.closest<HTMLElement>('[role="dialog"]');
    if (!dialog) {
      throw new Error(`geen dialoog rond de titel: ${document.body.innerHTML.slice(0, 400)}`);
    }
    return dialog;
  };
  const inDialog = (dialog: HTMLElement, name: string) =>
    within(dialog).getByRole('button', { name, hidden: true });

  /** The Tienen seed as a role SharePoint already has, with another service. */
  async function storedWithOtherService(): Promise<FunctionContent> {
    const parsed = await parseFile(
      {
        id: 1,
        fileName: 'deskundige-ict.txt',
        bytes: new Uint8Array(Buffer.from(SEED)).buffer,
        profile: null,
      },
      readPdfPagesInNode,
    );
    if (!parsed.result.ok) throw new Error('seed niet gelezen');
    return { ...contentOf(parsed.result.description), service: 'Informatica' };
  }

  test('an existing role with other content: the diff is shown, and cancelling the question saves nothing', async () => {
    const importer = fakeImporter({ 'deskundige-ict': await storedWithOtherService() });
    renderImport(importer);
    await screen.findByRole('heading', { level: 1, name: 'Functiebeschrijvingen importeren' });
    await drop([textFile('deskundige-ict.txt', SEED)]);
    const card = await screen.findByRole('region', { name: 'deskundige-ict.txt' });
    expect(
      await within(card).findByText(/bestaat al in SharePoint\. Opslaan overschrijft 1 wijziging/),
    ).toBeVisible();
    expect(within(card).getByRole('list', { name: /wijzigingen/i })).toHaveTextContent(
      'Informatica',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Opslaan in SharePoint (1)' }));
    const dialog = await confirmDialog();
    expect(dialog).toHaveTextContent('Deskundige ICT');
    await userEvent.click(inDialog(dialog, 'Annuleren'));
    await waitFor(() => expect(screen.queryByRole('dialog', { hidden: true })).toBeNull());
    expect(importer.save).not.toHaveBeenCalled();
  });

  test('an existing role with other content: saved once the user confirms the overwrite', async () => {
    const importer = fakeImporter({ 'deskundige-ict': await storedWithOtherService() });
    renderImport(importer);
    await screen.findByRole('heading', { level: 1, name: 'Functiebeschrijvingen importeren' });
    await drop([textFile('deskundige-ict.txt', SEED)]);
    const card = await screen.findByRole('region', { name: 'deskundige-ict.txt' });
    await within(card).findByText(/bestaat al in SharePoint/);

    await userEvent.click(screen.getByRole('button', { name: 'Opslaan in SharePoint (1)' }));
    const dialog = await confirmDialog();
    await userEvent.click(inDialog(dialog, 'Overschrijven'));
    await waitFor(() => expect(importer.save).toHaveBeenCalledTimes(1));
    expect(
      await within(card).findByText(/Opgeslagen: de functie in SharePoint is bijgewerkt\./),
    ).toBeVisible();
  });

  test('saving waits until SharePoint has said whether the role exists, and asks when it could not say', async () => {
    const importer = fakeImporter();
    let answer: (content: FunctionContent | null) => void = () => undefined;
    let refuse: (error: Error) => void = () => undefined;
    importer.current.mockImplementationOnce(
      () =>
        new Promise<FunctionContent | null>((resolve, reject) => {
          answer = resolve;
          refuse = reject;
        }),
    );
    renderImport(importer);
    await screen.findByRole('heading', { level: 1, name: 'Functiebeschrijvingen importeren' });
    await drop([textFile('deskundige-ict.txt', SEED)]);
    // Not known yet: no save that could overwrite without the question.
    const waiting = await screen.findByRole('button', { name: 'Vergelijken met SharePoint…' });
    expect(waiting).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(waiting);
    expect(screen.queryByRole('dialog', { hidden: true })).toBeNull();
    expect(importer.save).not.toHaveBeenCalled();
    void answer;

    refuse(new Error('SharePoint antwoordt niet.'));
    await userEvent.click(await screen.findByRole('button', { name: 'Opslaan in SharePoint (1)' }));
    const dialog = await confirmDialog();
    expect(dialog).toHaveTextContent(/kon niet worden nagegaan of ze al in SharePoint staan/);
    expect(importer.save).not.toHaveBeenCalled();
  });

  test('a failed document is reported with its reason and a way forward; the others are saved', async () => {
    const importer = fakeImporter();
    importer.save.mockImplementation((descriptions) =>
      Promise.resolve(
        descriptions.map((d, i) =>
          i === 0
            ? {
                key: d.key,
                title: d.title,
                kind: 'failed' as const,
                message: 'SharePoint weigerde het schrijven.',
                advice: 'Vraag IT om je toe te voegen aan de HR-groep.',
              }
            : { key: d.key, title: d.title, kind: 'unchanged' as const, skippedApproval: null },
        ),
      ),
    );
    renderImport(importer);
    await screen.findByRole('heading', { level: 1, name: 'Functiebeschrijvingen importeren' });
    const profiel = readSeed('functieprofiel-leidinggevende.txt');
    await drop([textFile('a.txt', SEED), textFile('b.txt', profiel)]);
    const a = await screen.findByRole('region', { name: 'a.txt' });
    const b = await screen.findByRole('region', { name: 'b.txt' });
    await within(a).findByText(/Nieuwe functie/);
    await within(b).findByText(/Nieuwe functie/);
    await userEvent.click(screen.getByRole('button', { name: 'Opslaan in SharePoint (2)' }));
    expect(
      await within(a).findByText(
        /Niet opgeslagen: SharePoint weigerde het schrijven\. Vraag IT om je toe te voegen aan de HR-groep\./,
      ),
    ).toBeVisible();
    expect(within(b).getByText(/Ongewijzigd: SharePoint had al deze inhoud\./)).toBeVisible();
    // The failed one stays selected for another try.
    expect(within(a).getByRole('checkbox')).toBeChecked();
  });
});
