import { ForbiddenError } from '../../src/graph/errors';
import { writeDescriptions } from '../../src/graph/import-writer';
import { ImportService } from '../../src/services/import';
import { functiebeschrijving } from '../graph/fixtures';
import {
  startEmulatorTarget,
  tabRepositoriesAs,
  type Target,
  uniqueKey,
} from '../integration/harness';

/*
 * HR's import from the tab, against the emulator with each persona's own token: HR writes
 * content (never the document's approval line as a decision), a second save changes nothing,
 * and a staff member is refused by the service and by SharePoint itself.
 */

let target: Target;

beforeAll(async () => {
  target = await startEmulatorTarget();
}, 60_000);
afterAll(async () => {
  await target.close();
});

it('HR saves a new role through the tab port: written, then unchanged; the approval line is reported, not written', async () => {
  const key = uniqueKey('import-hr');
  const doc = functiebeschrijving({
    key,
    title: `Import ${key}`,
    approval: { approvedBy: 'algemeen directeur', decisionDate: '2024-03-01' },
  });
  const importer = tabRepositoriesAs(target, 'hr').importer;
  if (!importer) throw new Error('de tab biedt geen import');
  expect(await importer.current(key)).toBeNull();

  const progress: number[] = [];
  const [first] = await importer.save([doc], (p) => progress.push(p.done));
  expect(first).toEqual({
    key,
    title: doc.title,
    kind: 'written',
    action: 'created',
    skippedApproval: { approvedBy: 'algemeen directeur', decisionDate: '2024-03-01' },
  });
  expect(progress).toEqual([1]);
  expect((await importer.current(key))?.title).toBe(doc.title);
  // No decision was added: the role has none, so it is not approved.
  const role = await target.repos('hr').roles.getByKey(key);
  expect(role.decisions).toEqual([]);

  const [again] = await importer.save([doc]);
  expect(again?.kind).toBe('unchanged');
});

it('a staff member is refused by the service, and SharePoint refuses their write anyway', async () => {
  const key = uniqueKey('import-staff');
  const doc = functiebeschrijving({ key, title: `Staff ${key}`, approval: null });
  const importer = tabRepositoriesAs(target, 'staff').importer;
  if (!importer) throw new Error('de tab biedt geen import');
  await expect(importer.save([doc])).rejects.toBeInstanceOf(ForbiddenError);

  // Straight to the lists with the staff member's token, past the service's own check.
  const staff = target.repos('staff');
  const report = await writeDescriptions([doc], {
    roles: staff.roles,
    competencies: staff.competencies,
    decisions: null,
  });
  expect(report.failed).toBe(true);
  const outcome = report.documents[0];
  expect(outcome?.ok).toBe(false);
  expect(!outcome?.ok && outcome?.error).toBeInstanceOf(ForbiddenError);

  // The service with an identity that claims HR on a staff token: SharePoint's refusal is a
  // result for that document with a Dutch way forward, not a crash.
  const service = new ImportService({
    repos: staff,
    identity: {
      current: async () => ({
        person: { id: 'x', displayName: 'x', userPrincipalName: 'x', mail: null },
        roles: new Set(['staff', 'hr'] as const),
        primaryRole: 'hr' as const,
        permissions: { canEdit: true, canSubmit: true, canApprove: false },
      }),
    },
  });
  const [refused] = await service.save([doc]);
  expect(refused?.kind).toBe('failed');
  expect(refused?.kind === 'failed' && refused.advice).toMatch(/HR-groep/);
  expect(await tabRepositoriesAs(target, 'hr').importer?.current(key)).toBeNull();
});

it('two documents with one key: the second is not saved, and the way forward says to untick one', async () => {
  const key = uniqueKey('import-twice');
  const doc = functiebeschrijving({ key, title: `Twee ${key}`, approval: null });
  const importer = tabRepositoriesAs(target, 'hr').importer;
  if (!importer) throw new Error('de tab biedt geen import');
  const [first, second] = await importer.save([doc, { ...doc, purpose: 'Een andere versie.' }]);
  expect(first?.kind).toBe('written');
  expect(second).toMatchObject({
    key,
    kind: 'failed',
    advice: 'Twee documenten beschrijven dezelfde functie: vink er één uit en sla opnieuw op.',
  });
});
