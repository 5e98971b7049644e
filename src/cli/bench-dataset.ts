import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  type Competency,
  type FunctionDescription,
  functionDescriptionSchema,
  type Level,
} from '../domain/schema';

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
      schemaVersion: 1,
      key: `functie-${String(r + 1).padStart(4, '0')}`,
      kind: 'functiebeschrijving',
      title,
      organisation: 'Stad Tienen',
      department: `Afdeling ${(r % 12) + 1}`,
      service: `Dienst ${(r % 40) + 1}`,
      grade: ['Medewerker', 'Deskundige', 'Coördinator'][r % 3] as string,
      careerPath: ['C1-C3', 'B1-B3', 'A1a-A3a'][r % 3] as string,
      purpose: sentence(random, 25),
      mainTasks: Array.from({ length: 5 }, () => sentence(random, 10)),
      position: sentence(random, 12),
      resultAreas: Array.from({ length: 6 }, (_, a) => ({
        title: `Taakafspraak ${a + 1}: ${sentence(random, 4)}`,
        tasks: Array.from({ length: 5 }, () => sentence(random, 10)),
      })),
      competencies,
      technicalKnowledge: Array.from({ length: 4 }, () => sentence(random, 6)),
      approval:
        r % 4 === 0 ? { approvedBy: 'algemeen directeur', decisionDate: '2023-02-09' } : null,
    };
  });
}
