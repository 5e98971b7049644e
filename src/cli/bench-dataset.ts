import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import {
  type Competency,
  type FunctionDescription,
  functionDescriptionSchema,
  type Level,
} from '../domain/schema';
import { createServices } from '../services';
import { LOCAL_GROUPS } from '../services/identity';
import { createGraphClient } from '../graph/client';
import { writeDescriptions } from '../graph/import-writer';
import { createRepositories } from '../graph/repositories';
import { loadSiteLists, resolveSiteId } from '../graph/site';
import { emulatorTokens, LOCAL_SITE, PERSONAS, startLocalStack } from './local-stack';

/**
 * The benchmarks' data set: roles shaped like the city's (35 competencies each from a dictionary
 * of 160, six task agreements), generated deterministically so every machine measures the same
 * thing, and cached under .cache/. One generator for every bench, so their figures compare.
 */

export const COMPETENCIES_PER_ROLE = 35;
const DICTIONARY_SIZE = 160;
export const CACHE_DIR = path.join(__dirname, '..', '..', '.cache');

export function benchDataset(roles: number): FunctionDescription[] {
  const file = path.join(CACHE_DIR, `bench-graph-${roles}x${COMPETENCIES_PER_ROLE}-v1.json`);
  if (existsSync(file)) {
    const parsed = z
      .array(functionDescriptionSchema)
      .safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  }
  const generated = generate(roles);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(file, JSON.stringify(generated));
  return generated;
}

/** The key of the n-th generated role (1-based), as the generator writes it. */
export function roleKey(n: number): string {
  return `functie-${String(n).padStart(4, '0')}`;
}

/**
 * The roles each measured view opens, the same for every bench so their figures compare: one
 * role from the middle of the list, three to compare, and the roles HR submits for approval
 * (never one with an imported approval, r % 4 === 0, so each is a plain open request).
 */
export function benchViews(roles: number): {
  role: string;
  compare: [string, string, string];
  approvals: string[];
} {
  if (roles < 12) throw new RangeError('de bench heeft minstens 12 functies nodig');
  const mid = Math.floor(roles / 2);
  return {
    role: roleKey(mid),
    compare: [roleKey(mid - 1), roleKey(mid + 1), roleKey(mid + 2)],
    approvals: [2, 3, 6, 7, 10].map(roleKey),
  };
}

/**
 * A private copy of an emulator data directory with `roles` roles loaded through Graph (as HR,
 * like an import). Loaded once and kept in .cache/ (the load takes minutes at 2,000 roles and is
 * deterministic); every run works on a copy, so what a run writes never reaches the cache.
 */
export async function loadedEmulatorCopy(roles: number): Promise<string> {
  // v3: Functies gained columns (AndereOnderdelen, AantalTaakafspraken) that an emulator loaded
  // before lacks; reading them from a v2 copy fails with "Field … is not recognized".
  // v4: schema 2's level-scale columns (NiveauLaagste…, Niveau4…Niveau10, VereistNiveau 0–10).
  const cached = path.join(CACHE_DIR, `bench-browser-emulator-${roles}-v4`);
  if (!existsSync(path.join(cached, '.complete'))) {
    await rm(cached, { recursive: true, force: true });
    await mkdir(cached, { recursive: true });
    process.stderr.write(`Emulator laden met ${roles} functies (eenmalig, in .cache/)…\n`);
    const stack = await startLocalStack({ port: 0, dataDir: cached, seed: false, quiet: true });
    try {
      const hr = createRepositories(stack.clientFor(PERSONAS.hr), stack.site);
      const admin = createRepositories(stack.clientFor(PERSONAS.admin), stack.site);
      const report = await writeDescriptions(benchDataset(roles), {
        roles: hr.roles,
        competencies: hr.competencies,
        decisions: admin.decisions,
        concurrency: 4,
      });
      const failed = report.documents.filter((d) => !d.ok);
      const [first] = failed;
      if (first && !first.ok) {
        // The first reason names the cause; usually every document fails for the same one.
        throw new Error(`${failed.length} functies niet geladen; ${first.key}: ${first.message}`);
      }
    } finally {
      await stack.close();
    }
    await writeFile(path.join(cached, '.complete'), new Date().toISOString());
  }
  const copy = await mkdtemp(path.join(tmpdir(), 'functiewijzer-bench-'));
  await cp(cached, copy, { recursive: true });
  return copy;
}

/**
 * HR submits each role for approval (no channel card), so the approvals view has open requests
 * to show. Returns the request ids, in the order of `keys`.
 */
export async function submitForApproval(
  emulator: { url: string; graphBaseUrl: string },
  keys: readonly string[],
): Promise<string[]> {
  const http = createGraphClient({
    baseUrl: emulator.graphBaseUrl,
    getToken: emulatorTokens(emulator.url, PERSONAS.hr),
  });
  const site = await loadSiteLists(http, await resolveSiteId(http, LOCAL_SITE));
  const service = createServices({
    repos: createRepositories(http, site),
    groups: LOCAL_GROUPS,
    channel: null,
  }).approval;
  const ids: string[] = [];
  for (const roleKey of keys) {
    ids.push((await service.submit({ roleKey, note: 'Bench' })).request.id);
  }
  return ids;
}

/** A small deterministic PRNG (mulberry32): the same data set on every machine. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'plant organiseert volgt opvolgt rapporteert coördineert adviseert analyseert beheert ontwikkelt controleert communiceert overlegt begeleidt evalueert documenteert procedures dossiers budget planning kwaliteit dienstverlening burgers collega’s teams projecten wetgeving regelgeving informatie middelen prioriteiten resultaten'.split(
    ' ',
  );

function sentence(random: () => number, words: number): string {
  const picked = Array.from(
    { length: words },
    () => WORDS[Math.floor(random() * WORDS.length)] as string,
  );
  const text = picked.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function generate(roles: number): FunctionDescription[] {
  const random = prng(20240601);
  const dictionary: Competency[] = Array.from({ length: DICTIONARY_SIZE }, (_, i) => {
    const levels = ([0, 1, 2, 3] as const).map((level) => ({
      level,
      indicators: level === 0 ? ['N.v.t.'] : Array.from({ length: 4 }, () => sentence(random, 9)),
    }));
    return {
      name: `Competentie ${String(i + 1).padStart(3, '0')}`,
      block: i < 40 ? 'technical' : 'behavioural',
      cluster: `Cluster ${Math.floor(i / 10) + 1}`,
      definition: null,
      requiredLevel: null,
      levelTitle: null,
      indicators: [],
      levels,
    };
  });
  return Array.from({ length: roles }, (_, r) => {
    const chosen = new Set<number>();
    while (chosen.size < COMPETENCIES_PER_ROLE) chosen.add(Math.floor(random() * DICTIONARY_SIZE));
    const competencies = [...chosen]
      .sort((a, b) => a - b)
      .map((i): Competency => {
        const entry = dictionary[i] as Competency;
        const level = (1 + Math.floor(random() * 3)) as Level;
        return {
          ...entry,
          requiredLevel: level,
          indicators: entry.levels.find((l) => l.level === level)?.indicators ?? [],
        };
      });
    const title = `Functie ${String(r + 1).padStart(4, '0')}`;
    return {
      schemaVersion: 2,
      key: `functie-${String(r + 1).padStart(4, '0')}`,
      kind: 'functiebeschrijving',
      title,
      organisation: 'Stad Tienen',
      department: `Afdeling ${(r % 12) + 1}`,
      service: `Dienst ${(r % 40) + 1}`,
      grade: ['Medewerker', 'Deskundige', 'Coördinator'][r % 3] as string,
      careerPath: ['C1-C3', 'B1-B3', 'A1a-A3a'][r % 3] as string,
      gradeAsWritten: null,
      careerPathAsWritten: null,
      purpose: sentence(random, 25),
      mainTasks: Array.from({ length: 5 }, () => sentence(random, 10)),
      position: sentence(random, 12),
      resultAreas: Array.from({ length: 6 }, (_, a) => ({
        title: `Taakafspraak ${a + 1}: ${sentence(random, 4)}`,
        tasks: Array.from({ length: 5 }, () => sentence(random, 10)),
      })),
      levelScale: { lowest: 0, highest: 3, titles: [] },
      competencies,
      technicalKnowledge: Array.from({ length: 4 }, () => sentence(random, 6)),
      approval:
        r % 4 === 0 ? { approvedBy: 'algemeen directeur', decisionDate: '2023-02-09' } : null,
    };
  });
}
