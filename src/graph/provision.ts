import { z } from 'zod';
import { batchGetAll } from './batch';
import type { GraphHttp } from './client';
import { validate } from './client';
import {
  type ColumnDef,
  columnDefinition,
  creationOrder,
  type Grant,
  GROUP_NAMES,
  LISTS,
  type ListDef,
  type ListName,
  VALIDATION_LANGUAGE,
} from './lists';
import {
  provisionSharePoint,
  type SharePointChange,
  type SharePointProvisioning,
} from './provision-sharepoint';
import { readSiteLists } from './site';

/**
 * Creates or updates the Functiewijzer lists on a site from the declaration in lists/.
 * Idempotent: it compares what is there with what should be and changes only the difference, so
 * a second run reports nothing. It never deletes a list, a column or an item: a column that is
 * no longer declared is left alone, and a column of the wrong type is reported for IT to settle.
 */

export type Change =
  | { kind: 'list-created'; list: ListName }
  | { kind: 'column-added'; list: ListName; column: string }
  | { kind: 'column-updated'; list: ListName; column: string; properties: string[] }
  | { kind: 'permissions-set'; list: ListName; grants: readonly Grant[] }
  /** Something provisioning will not change by itself (a column of another type). */
  | { kind: 'manual'; list: ListName; message: string }
  | SharePointChange;

/**
 * Who may do what on a list, written through the emulator's control API (the way before
 * SharePoint REST; kept for tests that set grants directly). Provisioning uses SharePoint REST
 * (`sharePoint`) in the emulator and in a tenant alike.
 */
export interface PermissionWriter {
  /** The list's own grants; null while it inherits from the site or has grants we do not declare. */
  read(siteId: string, listId: string): Promise<readonly Grant[] | null>;
  write(siteId: string, listId: string, grants: readonly Grant[]): Promise<void>;
}

export interface ProvisionOptions {
  permissions?: PermissionWriter;
  /**
   * SharePoint REST on the site, with its own token source (the CLI's, injected): list
   * permissions, the add-only level, HR's views and column formatting (provision-sharepoint.ts).
   */
  sharePoint?: SharePointProvisioning;
}

export type { SharePointProvisioning } from './provision-sharepoint';

/**
 * Provisioning stopped part-way: what it did change before the failure, so the command can say
 * so ("nothing half-provisioned without saying what"); a second run finishes the job.
 */
export class PartialProvisionError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly changes: readonly Change[],
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'PartialProvisionError';
  }
}

const columnShape = z
  .object({
    id: z.string(),
    name: z.string(),
    displayName: z.string().nullish(),
    description: z.string().nullish(),
    indexed: z.boolean().nullish(),
    required: z.boolean().nullish(),
    enforceUniqueValues: z.boolean().nullish(),
    readOnly: z.boolean().nullish(),
    text: z.object({ allowMultipleLines: z.boolean().nullish() }).loose().nullish(),
    number: z
      .object({ minimum: z.number().nullish(), maximum: z.number().nullish() })
      .loose()
      .nullish(),
    boolean: z.object({}).loose().nullish(),
    dateTime: z.object({}).loose().nullish(),
    choice: z
      .object({ choices: z.array(z.string()).nullish() })
      .loose()
      .nullish(),
    lookup: z.object({ listId: z.string().nullish() }).loose().nullish(),
    validation: z
      .object({
        formula: z.string().nullish(),
        descriptions: z
          .array(z.object({ languageTag: z.string(), displayName: z.string().nullish() }).loose())
          .nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();
type ExistingColumn = z.infer<typeof columnShape>;

export async function provision(
  http: GraphHttp,
  siteId: string,
  options: ProvisionOptions = {},
): Promise<Change[]> {
  const changes: Change[] = [];
  const onSite = await readSiteLists(http, siteId);
  const listIds = new Map<ListName, string>();
  for (const def of LISTS) {
    const found = onSite.get(def.name);
    if (found) listIds.set(def.name, found.id);
  }

  // Existing lists' columns in one round trip.
  const existingColumns = new Map<ListName, ExistingColumn[]>();
  const present = LISTS.filter((d) => listIds.has(d.name));
  if (present.length > 0) {
    const read = await batchGetAll(
      http,
      present.map((d) => ({
        id: d.name,
        url: `/sites/${siteId}/lists/${listIds.get(d.name)}/columns`,
      })),
    );
    for (const d of present) {
      existingColumns.set(
        d.name,
        (read.items.get(d.name) ?? []).map((c) =>
          validate(columnShape, c, `GET /sites/…/lists/${d.name}/columns`),
        ),
      );
    }
  }

  for (const def of creationOrder()) {
    const listId = listIds.get(def.name);
    if (listId === undefined) {
      const created = await http.request(
        'POST',
        `/sites/${siteId}/lists`,
        z.object({ id: z.string() }),
        {
          body: {
            displayName: def.name,
            description: def.description,
            list: { template: 'genericList' },
            columns: def.columns.map((c) => columnDefinition(c, listIds)),
          },
        },
      );
      listIds.set(def.name, created.id);
      changes.push({ kind: 'list-created', list: def.name });
      const columns = await http.getAll(
        `/sites/${siteId}/lists/${created.id}/columns`,
        columnShape,
      );
      await renameTitle(http, siteId, created.id, def, columns, changes, true);
    } else {
      const columns = existingColumns.get(def.name) ?? [];
      await renameTitle(http, siteId, listId, def, columns, changes, false);
      await reconcileColumns(http, siteId, listId, def, columns, listIds, changes);
    }
  }

  if (options.sharePoint) {
    const done: SharePointChange[] = [];
    try {
      await provisionSharePoint(options.sharePoint, done);
    } catch (error) {
      throw new PartialProvisionError(error, [...changes, ...done]);
    }
    return [...changes, ...done];
  }
  const writer = options.permissions;
  if (!writer) {
    throw new Error(
      'de lijstmachtigingen en weergaven vragen SharePoint REST (een token voor de SharePoint-site); de lijsten zelf zijn ingericht, voer de inrichting opnieuw uit met aanmelding.',
    );
  }
  for (const def of LISTS) {
    const listId = listIds.get(def.name) as string;
    const current = await writer.read(siteId, listId);
    if (current === null || !sameGrants(current, def.permissions)) {
      await writer.write(siteId, listId, def.permissions);
      changes.push({ kind: 'permissions-set', list: def.name, grants: def.permissions });
    }
  }
  return changes;
}

async function renameTitle(
  http: GraphHttp,
  siteId: string,
  listId: string,
  def: ListDef,
  columns: readonly ExistingColumn[],
  changes: Change[],
  quiet: boolean,
): Promise<void> {
  const title = columns.find((c) => c.name === 'Title');
  if (!title || title.displayName === def.titleDisplayName) return;
  await http.expectOk('PATCH', `/sites/${siteId}/lists/${listId}/columns/${title.id}`, {
    body: { displayName: def.titleDisplayName },
  });
  if (!quiet)
    changes.push({
      kind: 'column-updated',
      list: def.name,
      column: 'Title',
      properties: ['displayName'],
    });
}

async function reconcileColumns(
  http: GraphHttp,
  siteId: string,
  listId: string,
  def: ListDef,
  columns: readonly ExistingColumn[],
  listIds: ReadonlyMap<ListName, string>,
  changes: Change[],
): Promise<void> {
  for (const column of def.columns) {
    const existing = columns.find((c) => c.name === column.name);
    if (!existing) {
      await http.expectOk('POST', `/sites/${siteId}/lists/${listId}/columns`, {
        body: columnDefinition(column, listIds),
      });
      changes.push({ kind: 'column-added', list: def.name, column: column.name });
      continue;
    }
    if (!sameType(existing, column)) {
      changes.push({
        kind: 'manual',
        list: def.name,
        message: `kolom ${column.name} heeft een ander type dan verwacht (${typeLabel(column)}); pas dit handmatig aan, de inrichting verandert geen kolomtypes.`,
      });
      continue;
    }
    const differs = differingProperties(existing, column);
    if (differs.length === 0) continue;
    const wanted = columnDefinition(column, listIds);
    const body: Record<string, unknown> = {};
    for (const p of differs) body[p] = wanted[p];
    await http.expectOk('PATCH', `/sites/${siteId}/lists/${listId}/columns/${existing.id}`, {
      body,
    });
    changes.push({
      kind: 'column-updated',
      list: def.name,
      column: column.name,
      properties: differs,
    });
  }
}

function sameType(existing: ExistingColumn, column: ColumnDef): boolean {
  switch (column.type.kind) {
    case 'text':
      return !!existing.text && !existing.text.allowMultipleLines;
    case 'note':
      return !!existing.text && !!existing.text.allowMultipleLines;
    case 'number':
      return !!existing.number;
    case 'boolean':
      return !!existing.boolean;
    case 'dateOnly':
      return !!existing.dateTime;
    case 'choice':
      return !!existing.choice;
    case 'lookup':
      return !!existing.lookup;
  }
}

function typeLabel(column: ColumnDef): string {
  const labels = {
    text: 'één regel tekst',
    note: 'meerdere regels tekst',
    number: 'getal',
    boolean: 'ja/nee',
    dateOnly: 'datum',
    choice: 'keuze',
    lookup: 'opzoeken',
  } as const;
  return labels[column.type.kind];
}

/** The Graph properties of a column that differ from the declaration (what a PATCH must send). */
function differingProperties(existing: ExistingColumn, column: ColumnDef): string[] {
  const differs: string[] = [];
  if ((existing.displayName ?? '') !== column.displayName) differs.push('displayName');
  if ((existing.description ?? '') !== column.description) differs.push('description');
  if ((existing.indexed ?? false) !== (column.indexed ?? false)) differs.push('indexed');
  if ((existing.required ?? false) !== (column.required ?? false)) differs.push('required');
  if ((existing.enforceUniqueValues ?? false) !== (column.unique ?? false))
    differs.push('enforceUniqueValues');
  const v = existing.validation;
  const haveMessage = v?.descriptions?.find(
    (d) => d.languageTag === VALIDATION_LANGUAGE,
  )?.displayName;
  if (
    (v?.formula ?? '') !== (column.validation?.formula ?? '') ||
    (column.validation !== undefined && haveMessage !== column.validation.message)
  ) {
    differs.push('validation');
  }
  const type = column.type;
  // A declared bound that differs (VereistNiveau's maximum grew from 3 to 10 with schema v2);
  // an undeclared one is left as the site has it.
  if (
    type.kind === 'number' &&
    ((type.minimum !== undefined && existing.number?.minimum !== type.minimum) ||
      (type.maximum !== undefined && existing.number?.maximum !== type.maximum))
  ) {
    differs.push('number');
  }
  if (type.kind === 'choice') {
    const have = existing.choice?.choices ?? [];
    if (have.length !== type.choices.length || have.some((c, i) => c !== type.choices[i])) {
      differs.push('choice');
    }
  }
  return differs;
}

function grantKey(g: Grant): string {
  return `${g.principal}:${g.access}`;
}

function sameGrants(a: readonly Grant[], b: readonly Grant[]): boolean {
  const left = a.map(grantKey).sort();
  const right = b.map(grantKey).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
}

const ACCESS_LABEL = {
  read: 'lezen',
  add: 'alleen toevoegen (aangepast machtigingsniveau: items toevoegen en weergeven, niet bewerken of verwijderen)',
  contribute: 'bijdragen',
} as const;

const SHORT_ACCESS = { read: 'lezen', add: 'alleen toevoegen', contribute: 'bijdragen' } as const;

const PRINCIPAL_LABEL = {
  medewerkers: `alle medewerkers (${GROUP_NAMES.medewerkers})`,
  hr: `HR (${GROUP_NAMES.hr})`,
  goedkeurders: `goedkeurders (${GROUP_NAMES.goedkeurders})`,
  beheerders: `IT (${GROUP_NAMES.beheerders})`,
} as const;

export function describeGrants(grants: readonly Grant[]): string {
  return `overname van machtigingen stoppen en instellen: ${grants
    .map((g) => `${PRINCIPAL_LABEL[g.principal]} ${ACCESS_LABEL[g.access]}`)
    .join('; ')}`;
}

/** One line per change, Dutch, for the provisioning command. */
export function formatChange(change: Change): string {
  switch (change.kind) {
    case 'list-created':
      return `lijst ${change.list} aangemaakt`;
    case 'column-added':
      return `${change.list}: kolom ${change.column} toegevoegd`;
    case 'column-updated':
      return `${change.list}: kolom ${change.column} bijgewerkt (${change.properties.join(', ')})`;
    case 'permissions-set':
      return `${change.list}: machtigingen ingesteld (${change.grants.map((g) => `${PRINCIPAL_LABEL[g.principal]}: ${SHORT_ACCESS[g.access]}`).join(', ')})`;
    case 'manual':
      return `${change.list}: niet aangepast — ${change.message}`;
    case 'level-created':
      return `machtigingsniveau '${change.name}' aangemaakt`;
    case 'inheritance-broken':
      return `${change.list}: overname van machtigingen van de site gestopt`;
    case 'role-assigned':
      return `${change.list}: ${PRINCIPAL_LABEL[change.principal]} mag ${SHORT_ACCESS[change.access]}`;
    case 'role-removed':
      return `${change.list}: ${change.who} (${change.level}) verwijderd, niet gedeclareerd`;
    case 'view-updated':
      return `${change.list}: standaardweergave bijgewerkt (${change.parts.join(', ')})`;
    case 'formatting-set':
      return `${change.list}: opmaak van kolom ${change.column} ingesteld`;
  }
}
