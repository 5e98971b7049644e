import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { type FunctionDescription, functionDescriptionSchema } from '../domain/schema';
import { importFile } from '../import/import-file';
import { formatIssue, type ImportIssue } from '../import/issues';
import type { ParseResult } from '../import/parse';
import { compileProfile, type CompiledProfile, parseProfileJson } from '../import/profile';
import { graphImportWrite } from './local-stack';
import { tenantImportWrite } from './import-tenant';
import {
  REGISTRATION_OPTIONS,
  REGISTRATION_USAGE,
  type RegistrationFlags,
  tenantSite,
} from './tenant-sign-in';
import { parseCommandLine } from './main';

export { tenantImportWrite, type TenantImportDeps } from './import-tenant';

/**
 * `npm run import -- [--dry-run] [--json] FILE...`
 *
 * Exit codes are the contract scripts rely on: 0 every file was read, 1 at least one file had
 * errors (the readable ones are still reported), 2 the command itself was wrong or cannot run.
 */

export const EXIT_OK = 0;
export const EXIT_FILE_ERRORS = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Gebruik: npm run import -- [opties] BESTAND...

Leest functiebeschrijvingen en functieprofielen (.txt, .docx, .pdf) in.

Opties:
  --dry-run   alleen inlezen en controleren, niets wegschrijven
  --profile BESTAND
              een lay-outprofiel (JSON) met de kopjes, labels, opsommingstekens en niveauschaal
              van de eigen stad, bovenop de standaard (docs/importer.md)
  --json      (met --dry-run) één JSON-array met het uitwisselingsformaat op stdout
  --tenant ADRES
              naar een echte tenant schrijven, bv. https://stad.sharepoint.com/sites/functiewijzer;
              je meldt je aan met een apparaatcode (HR of IT)
  --approver-sign-in
              (met --tenant) meld daarna een goedkeurder aan: de goedkeuringen uit de documenten
              worden dan als zijn besluiten geschreven en tellen (docs/approval.md)
${REGISTRATION_USAGE}
  -h, --help  deze hulp

Afsluitcode: 0 alles ingelezen, 1 een of meer bestanden met fouten, 2 verkeerd gebruik.
Fouten en waarschuwingen gaan naar stderr als "bestand: regel N: wat er mis is".`;

/**
 * Where the import writes to, once the data layer is wired in: `writeDescriptions` and
 * `formatReport` of src/graph/import-writer.ts fit as
 * `async (ds) => { const r = await writeDescriptions(ds, deps); return { summary: formatReport(r), failed: r.failed }; }`.
 */
export type WriteDescriptions = (descriptions: FunctionDescription[]) => Promise<{
  summary: string;
  failed: boolean;
  /** Keys of the documents that did not (fully) land; running the same command finishes them. */
  notLanded?: string[];
}>;

export type ImportIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
};

export type ImportDeps = {
  importFile: (path: string, profile?: CompiledProfile) => Promise<ParseResult>;
  /** null until the Graph layer is wired in: then only --dry-run can run. */
  write: WriteDescriptions | null;
  /** The writer for `--tenant`; it signs in only once the files are read without errors. */
  tenantWrite?: (target: TenantImportRequest) => WriteDescriptions;
};

/** What `--tenant` asks for, before anyone signed in. */
export interface TenantImportRequest {
  siteUrl: string;
  registration: RegistrationFlags;
  approverSignIn: boolean;
}

type FileOutcome = { path: string; result: ParseResult };

export async function runImport(
  argv: readonly string[],
  io: ImportIo,
  deps: ImportDeps,
): Promise<number> {
  const line = parseCommandLine(
    argv,
    {
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      tenant: { type: 'string' },
      'approver-sign-in': { type: 'boolean' },
      profile: { type: 'string' },
      ...REGISTRATION_OPTIONS,
    },
    USAGE,
    io,
    { positionals: true },
  );
  if (!line.ok) return line.exitCode;
  const { values, positionals: files } = line;
  if (files.length === 0) {
    io.stderr(`Geef minstens één bestand op.\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const profile = values.profile === undefined ? undefined : readProfile(values.profile, io);
  if (profile === null) return EXIT_USAGE;
  let mode: { kind: 'dry-run'; json: boolean } | { kind: 'write'; write: WriteDescriptions };
  if (values['dry-run']) {
    mode = { kind: 'dry-run', json: values.json === true };
  } else if (values.json) {
    io.stderr(`--json werkt alleen samen met --dry-run.\n\n${USAGE}\n`);
    return EXIT_USAGE;
  } else if (values.tenant !== undefined) {
    try {
      tenantSite(values.tenant);
    } catch (error) {
      io.stderr(`Niets weggeschreven: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT_FILE_ERRORS;
    }
    if (!deps.tenantWrite) {
      io.stderr('Wegschrijven naar een tenant is in deze opstelling niet beschikbaar.\n');
      return EXIT_USAGE;
    }
    mode = {
      kind: 'write',
      write: deps.tenantWrite({
        siteUrl: values.tenant,
        registration: values,
        approverSignIn: values['approver-sign-in'] === true,
      }),
    };
  } else if (values['approver-sign-in']) {
    io.stderr(`--approver-sign-in werkt alleen samen met --tenant.\n\n${USAGE}\n`);
    return EXIT_USAGE;
  } else if (deps.write === null) {
    io.stderr(
      'Wegschrijven naar SharePoint kan nog niet: daarvoor is de datalaag (Microsoft Graph) nodig, ' +
        'die nog niet aan deze opdracht gekoppeld is.\n' +
        'Gebruik --dry-run om de bestanden alleen in te lezen en te controleren.\n',
    );
    return EXIT_USAGE;
  } else {
    mode = { kind: 'write', write: deps.write };
  }

  const outcomes = await importAll(files, (path) => deps.importFile(path, profile));
  const descriptions: FunctionDescription[] = [];
  const fileOfKey = new Map<string, string>();
  let failed = false;
  for (const { path, result } of outcomes) {
    if (result.ok) {
      for (const w of result.warnings) io.stderr(`waarschuwing: ${formatIssue(w)}\n`);
      descriptions.push(result.description);
      if (!fileOfKey.has(result.description.key)) fileOfKey.set(result.description.key, path);
    } else {
      failed = true;
      for (const e of result.errors) io.stderr(`${formatIssue(e)}\n`);
    }
  }

  if (mode.kind === 'dry-run') {
    io.stdout(mode.json ? `${JSON.stringify(descriptions, null, 2)}\n` : humanSummary(outcomes));
    return failed ? EXIT_FILE_ERRORS : EXIT_OK;
  }
  // Writing is all or nothing: a half-imported batch is harder to put right than none.
  if (failed) {
    io.stderr(
      'Niets weggeschreven: los eerst de fouten hierboven op, of gebruik --dry-run om te controleren.\n',
    );
    return EXIT_FILE_ERRORS;
  }
  const report = await mode.write(descriptions);
  io.stdout(`${report.summary}\n`);
  const missing = report.notLanded ?? [];
  if (missing.length > 0) {
    // By file, so the person can see which documents to check; the keys make it unambiguous.
    io.stdout(
      `Niet (volledig) weggeschreven: ${missing.map((key) => `${basename(fileOfKey.get(key) ?? key)} (${key})`).join(', ')}.\n` +
        'Voer dezelfde opdracht opnieuw uit: wat al weggeschreven is, wordt herkend aan de sleutel en overgeslagen.\n',
    );
  }
  return report.failed ? EXIT_FILE_ERRORS : EXIT_OK;
}

/** `--profile FILE` → the compiled profile, or null after saying in Dutch what is wrong. */
function readProfile(file: string, io: ImportIo): CompiledProfile | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    io.stderr(
      `Profiel '${basename(file)}' ${code === 'ENOENT' ? 'niet gevonden' : `niet leesbaar (${code ?? 'onbekende fout'})`}.\n`,
    );
    return null;
  }
  const parsed = parseProfileJson(text);
  if (!parsed.ok) {
    io.stderr(`Profiel '${basename(file)}': ${parsed.message}\n`);
    return null;
  }
  return compileProfile(parsed.profile);
}

/**
 * Reads the files a few at a time: PDFs are extracted in worker threads, so they overlap; the
 * outcomes keep the argument order whatever finishes first.
 */
async function importAll(
  paths: readonly string[],
  read: (path: string) => Promise<ParseResult>,
): Promise<FileOutcome[]> {
  const outcomes = new Array<FileOutcome>(paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const index = next++;
      const path = paths[index] as string;
      outcomes[index] = { path, result: checked(await read(path), path) };
    }
  };
  const lanes = Math.max(1, Math.min(4, availableParallelism(), paths.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  return outcomes;
}

/**
 * The stdout contract promises interchange objects; a parser result that does not satisfy the
 * schema is reported as an error for that file rather than printed.
 */
function checked(result: ParseResult, path: string): ParseResult {
  if (!result.ok) return result;
  const valid = functionDescriptionSchema.safeParse(result.description);
  if (valid.success) return { ...result, description: valid.data };
  const first = valid.error.issues[0];
  const where = first ? `${first.path.join('.') || '(object)'}: ${first.message}` : 'onbekend veld';
  const issue: ImportIssue = {
    file: basename(path),
    line: null,
    message: `interne fout: het resultaat voldoet niet aan het uitwisselingsformaat (${where}). Meld dit aan IT.`,
  };
  return { ok: false, errors: [issue] };
}

const KIND_LABEL: Record<FunctionDescription['kind'], string> = {
  functiebeschrijving: 'functiebeschrijving',
  functieprofiel: 'functieprofiel',
};

function humanSummary(outcomes: readonly FileOutcome[]): string {
  const out: string[] = [];
  let ok = 0;
  for (const { path, result } of outcomes) {
    const name = basename(path);
    if (!result.ok) {
      const n = result.errors.length;
      out.push(`✗ ${name}: niet ingelezen (${n} ${n === 1 ? 'fout' : 'fouten'}, zie hierboven)`);
      continue;
    }
    ok++;
    const d = result.description;
    const technical = d.competencies.filter((c) => c.block === 'technical').length;
    const behavioural = d.competencies.filter((c) => c.block === 'behavioural').length;
    const blocks =
      technical + behavioural > 0 ? ` (${technical} technisch, ${behavioural} gedrag)` : '';
    const ticked = d.competencies.filter((c) => c.requiredLevel !== null).length;
    out.push(`✓ ${name}`);
    const row = (label: string, value: string | number): void => {
      out.push(`    ${`${label}:`.padEnd(22)}${value}`);
    };
    row('Titel', `${d.title} (${KIND_LABEL[d.kind]}, sleutel ${d.key})`);
    if (d.department || d.service)
      row('Afdeling / dienst', `${d.department ?? '–'} / ${d.service ?? '–'}`);
    if (d.grade || d.careerPath)
      row('Graad / loopbaan', `${d.grade ?? '–'} / ${d.careerPath ?? '–'}`);
    row('Hoofdtaken', d.mainTasks.length);
    row('Resultaatsgebieden', d.resultAreas.length);
    row(
      'Competenties',
      `${d.competencies.length}${blocks}${ticked > 0 ? `, ${ticked} met een vereist niveau` : ''}`,
    );
    row('Vaktechnische kennis', d.technicalKnowledge.length);
    row(
      'Goedkeuring',
      d.approval ? `${d.approval.approvedBy}, ${d.approval.decisionDate}` : 'geen',
    );
    if (result.warnings.length > 0)
      row('Waarschuwingen', `${result.warnings.length} (zie hierboven)`);
  }
  const bad = outcomes.length - ok;
  out.push('');
  out.push(
    `${ok} van ${outcomes.length} ${outcomes.length === 1 ? 'bestand' : 'bestanden'} ingelezen` +
      (bad > 0 ? `, ${bad} met fouten.` : '.') +
      ' Niets weggeschreven (--dry-run).',
  );
  return `${out.join('\n')}\n`;
}

async function main(): Promise<void> {
  const io: ImportIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  };
  // A reader of our stdout that goes away (`| head`) is not an error of the import.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  process.exitCode = await runImport(process.argv.slice(2), io, {
    importFile,
    write: graphImportWrite(process.env, process.stderr),
    tenantWrite: (request) =>
      tenantImportWrite(request, process.env, { ...io, progress: process.stderr }),
  });
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(
      `Onverwachte fout: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = EXIT_USAGE;
  });
}
