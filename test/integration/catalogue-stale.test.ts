import { z } from 'zod';
import { contentHash } from '../../src/domain/content-hash';
import type { FunctionDescription } from '../../src/domain/schema';
import { statusLabel } from '../../src/i18n';
import { ApprovalService } from '../../src/services/approval';
import { listPath } from '../../src/graph/site';
import { functiebeschrijving } from '../graph/fixtures';
import {
  approvalServiceAs,
  exchangeLog,
  type Persona,
  useEmulatorTarget,
  tabRepositoriesAs,
  uniqueKey,
  writeAsHr,
} from './harness';

/*
 * An edit made in SharePoint's own UI changes a content column of the Functies item but not the
 * app-maintained InhoudHash, Zoektekst and Competentieprofiel. The catalogue must still show the
 * true status ("Gewijzigd sinds goedkeuring van …"), and HR opening the role repairs the columns.
 * The edit here is a raw Graph PATCH of content columns only — what SharePoint's form does.
 */

const TODAY = '2025-03-14';

const target = useEmulatorTarget();

function service(persona: Persona): ApprovalService {
  return approvalServiceAs(target, persona, { today: TODAY });
}

function tabAs(persona: Persona) {
  return tabRepositoriesAs(target, persona);
}

async function approvedRole(): Promise<{ doc: FunctionDescription; roleId: string }> {
  const doc = functiebeschrijving({ key: uniqueKey('sharepoint-ui'), approval: null });
  await writeAsHr(target, [doc]);
  const hr = target.repos('hr');
  const { request } = await service('hr').submit({ roleKey: doc.key, note: null });
  await service('approver').decide({
    requestId: request.id,
    outcome: 'approved',
    reason: null,
    seenHash: null,
  });
  return { doc, roleId: (await hr.roles.getByKey(doc.key)).id };
}

/**
 * SharePoint (and the emulator) keep Modified and Created to the second; a person edits the form
 * seconds after the approval at the earliest, so the test waits for the next second too.
 */
function nextSecond(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 10));
}

/** What SharePoint's edit form sends: content columns only, no If-Match, no app columns. */
async function editInSharePoint(roleId: string, fields: Record<string, unknown>): Promise<void> {
  await nextSecond();
  await target
    .client('hr')
    .expectOk('PATCH', `${listPath(target.site, 'Functies')}/items/${roleId}/fields`, {
      body: fields,
    });
}

async function catalogueStatus(key: string): Promise<string | undefined> {
  const entry = (await tabAs('staff').listCatalogue()).find((e) => e.key === key);
  return entry ? statusLabel(entry.status, 'nl') : undefined;
}

/**
 * Reads the catalogue as staff and counts the roles it re-read: every round trip after the first
 * is the suspects' `$batch`, three GETs per suspect. Roles of earlier tests count too, so tests
 * compare before and after.
 */
async function cataloguedSuspects(): Promise<{ roundTrips: number; suspects: number }> {
  const { log, options } = exchangeLog();
  await target.repos('staff', options).roles.catalogue();
  const entries = log.slice(1).reduce((n, e) => n + (e.batchEntries ?? 0), 0);
  return { roundTrips: log.length, suspects: entries / 3 };
}

/** The InhoudHash column as stored (the catalogue would show the recomputed one). */
async function storedHash(roleId: string): Promise<string | null> {
  const item = await target
    .client('staff')
    .get(
      `${listPath(target.site, 'Functies')}/items/${roleId}?$expand=fields($select=InhoudHash)`,
      z.object({ fields: z.object({ InhoudHash: z.string().nullish() }) }),
    );
  return item.fields.InhoudHash ?? null;
}

describe('the catalogue after an edit in SharePoint’s own UI [emulator]', () => {
  it('an untouched approved role is not re-read: one round trip', async () => {
    await approvedRole();
    // First in this file: nothing was edited outside the app yet.
    expect(await cataloguedSuspects()).toEqual({ roundTrips: 1, suspects: 0 });
  });

  it('shows "Gewijzigd sinds goedkeuring" and the new search text, in one extra round trip', async () => {
    const { doc, roleId } = await approvedRole();
    expect(await catalogueStatus(doc.key)).toBe('Goedgekeurd op 14 maart 2025');
    const before = await cataloguedSuspects();

    await editInSharePoint(roleId, {
      Doel: 'Zorgt voor een veilige ICT-omgeving.',
      Hoofdtaken: [...doc.mainTasks, 'Beheert de licenties van de stad.'].join('\n'),
    });

    expect(await catalogueStatus(doc.key)).toBe('Gewijzigd sinds goedkeuring van 14 maart 2025');
    const catalogue = await target.repos('staff').roles.catalogue();
    const role = catalogue.roles.find((r) => r.id === roleId);
    expect(role?.tasks).toContain('Beheert de licenties van de stad.');
    expect(role?.contentHash).toBe(
      await contentHash({
        ...doc,
        purpose: 'Zorgt voor een veilige ICT-omgeving.',
        mainTasks: [...doc.mainTasks, 'Beheert de licenties van de stad.'],
      }),
    );
    // The catalogue's one $batch, and one more for the suspect's full content.
    expect(await cataloguedSuspects()).toEqual({ roundTrips: 2, suspects: before.suspects + 1 });
  });

  it('shows the role approved again when the SharePoint edit is reverted', async () => {
    const { doc, roleId } = await approvedRole();
    await editInSharePoint(roleId, { Doel: 'Tijdelijk iets anders.' });
    expect(await catalogueStatus(doc.key)).toBe('Gewijzigd sinds goedkeuring van 14 maart 2025');
    await editInSharePoint(roleId, { Doel: doc.purpose });
    expect(await catalogueStatus(doc.key)).toBe('Goedgekeurd op 14 maart 2025');
  });

  it('HR opening the role repairs the columns; staff opening it writes nothing', async () => {
    const { doc, roleId } = await approvedRole();
    const approvedHash = await contentHash(doc);
    await editInSharePoint(roleId, { Doel: 'Zorgt voor een veilige ICT-omgeving.' });
    const editedHash = await contentHash({
      ...doc,
      purpose: 'Zorgt voor een veilige ICT-omgeving.',
    });

    // Staff may not write Functies: the history is read, the stale columns stay.
    const seenByStaff = await service('staff').history(doc.key);
    expect(seenByStaff.status.kind).toBe('changed');
    const beforeRepair = await cataloguedSuspects();
    expect(beforeRepair.suspects).toBeGreaterThanOrEqual(1);
    expect(await storedHash(roleId)).toBe(approvedHash);

    const seenByHr = await service('hr').history(doc.key);
    expect(seenByHr.status.kind).toBe('changed');
    expect(await storedHash(roleId)).toBe(editedHash);
    expect(editedHash).not.toBe(approvedHash);

    // Repaired: no longer a suspect, and the status is unchanged.
    expect((await cataloguedSuspects()).suspects).toBe(beforeRepair.suspects - 1);
    expect(await catalogueStatus(doc.key)).toBe('Gewijzigd sinds goedkeuring van 14 maart 2025');
  });
});
