import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../import/parse';
import { measure, median, percentile, round } from '../bench-kit';

/**
 * The importer's parse step on the two sample documents, as `npm run import` runs it. The batch
 * of mixed documents (.txt, .docx, .pdf, extraction included) is its own benchmark,
 * import-mixed.ts: it takes minutes, this takes a second.
 */

export const name = 'import';

export const budget = { importParseBothSeedsMs: 50 };

const SEEDS = ['functiebeschrijving-deskundige-ict.txt', 'functieprofiel-leidinggevende.txt'];

export async function run(): Promise<Record<string, number>> {
  return measureImport({ warmup: 30, iterations: 300 });
}

/** `run` with fewer rounds: for a test that checks what is reported, not how fast. */
export async function measureImport(rounds: {
  warmup: number;
  iterations: number;
}): Promise<Record<string, number>> {
  const samplesDir = join(__dirname, '..', '..', 'samples');
  const docs = SEEDS.map((file) => ({ file, text: readFileSync(join(samplesDir, file), 'utf8') }));
  const parseBoth = (): void => {
    for (const { file, text } of docs) {
      const result = parseDocument(text, file);
      // Timing a parse that fails would measure the error path, not the import.
      if (!result.ok) {
        throw new Error(`${file} parses with errors; fix the parser before benchmarking it`);
      }
    }
  };
  const { ms, totalMs, cpuMs } = await measure(parseBoth, rounds);
  return {
    importParseBothSeedsMs: round(median(ms)),
    importParseBothSeedsP95Ms: round(percentile(ms, 95)),
    importParseBothSeedsCpuMs: round(cpuMs / ms.length),
    importDocsPerSecond: Math.round((docs.length * ms.length) / (totalMs / 1000)),
  };
}
