import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as domain from '../../src/domain';

const DOMAIN_DIR = join(__dirname, '../../src/domain');
const files = readdirSync(DOMAIN_DIR).filter((f) => f.endsWith('.ts'));

// The domain runs unchanged in the Teams tab and in Node (DESIGN §8): nothing of ours from outside
// src/domain, no Node built-ins, no platform globals that only one of the two has.
describe('src/domain is pure', () => {
  it.each(files)('%s imports only zod and other domain files', (file) => {
    // Comments may say "the import's …": only code counts.
    const source = readFileSync(join(DOMAIN_DIR, file), 'utf8').replace(
      /\/\*[\s\S]*?\*\/|\/\/.*$/gm,
      '',
    );
    const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map(
      (m) => m[1]!,
    );
    for (const specifier of specifiers) {
      if (specifier === 'zod') continue;
      expect(specifier).toMatch(/^\.\/[a-z0-9-]+$/);
      expect(files).toContain(`${specifier.slice(2)}.ts`);
    }
    expect(source).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\b|\bwindow\.|\bdocument\./);
  });

  it('exports the whole domain from its index', () => {
    for (const name of [
      'functionDescriptionSchema',
      'keyFromTitle',
      'canonicalJson',
      'contentHash',
      'contentOf',
      'sha256Hex',
      'deriveStatus',
      'lastApprovedDecision',
      'diffDescriptions',
      'compareLevels',
      'LEVEL_SCALE',
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });
});
