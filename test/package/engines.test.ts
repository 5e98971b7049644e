import { readFileSync } from 'node:fs';
import path from 'node:path';
import { minVersion, satisfies } from 'semver';
import { z } from 'zod';
import { REPO_ROOT } from './helpers';

/*
 * A dependency whose `engines.node` leaves out the oldest Node that package.json promises installs
 * with nothing more than an EBADENGINE warning, and may then break at run time on that Node
 * (nanoid 6, via docx, wants Node 22). These tests keep such a package out of the lock file.
 */

// Only the object form counts: npm itself ignores the legacy array form of `engines`.
const lockEntryShape = z.object({
  version: z.string().optional(),
  engines: z.union([z.object({ node: z.string().optional() }), z.array(z.string())]).optional(),
});
type LockEntry = z.infer<typeof lockEntryShape>;

const lockShape = z.object({ packages: z.record(z.string(), lockEntryShape) });
const packageJsonShape = z.object({ engines: z.object({ node: z.string() }) });

const readJson = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(REPO_ROOT, name), 'utf8'));

/** `name@version (range)` of every locked package whose `engines.node` excludes `nodeVersion`. */
function packagesExcluding(packages: Record<string, LockEntry>, nodeVersion: string): string[] {
  const excluding: string[] = [];
  for (const [location, entry] of Object.entries(packages)) {
    // '' is the project itself: its engines are the promise, not a dependency.
    if (location === '') continue;
    const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
    // The same test npm's EBADENGINE check makes; a range semver cannot read fails it too.
    if (range === undefined || satisfies(nodeVersion, range, { includePrerelease: true })) continue;
    const name = location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
    excluding.push(`${name}@${entry.version ?? '?'} (${range})`);
  }
  return excluding;
}

function oldestSupportedNode(): string {
  const range = packageJsonShape.parse(readJson('package.json')).engines.node;
  const oldest = minVersion(range);
  if (oldest === null) throw new Error(`package.json engines.node "${range}" admits no version`);
  return oldest.version;
}

describe('Node engines in the lock file', () => {
  it('the check names exactly the packages whose range leaves out the given Node', () => {
    const packages: Record<string, LockEntry> = {
      '': { version: '0.1.0', engines: { node: '>=20.19' } },
      'node_modules/docx/node_modules/nanoid': {
        version: '6.0.2',
        engines: { node: '^22 || ^24 || >=26' },
      },
      'node_modules/eslint': {
        version: '10.15.0',
        engines: { node: '^20.19.0 || ^22.13.0 || >=24' },
      },
      'node_modules/legacy': { version: '1.0.0', engines: ['node >= 0.4'] },
      'node_modules/plain': { version: '1.0.0' },
    };
    expect(packagesExcluding(packages, '20.19.0')).toEqual(['nanoid@6.0.2 (^22 || ^24 || >=26)']);
    expect(packagesExcluding(packages, '20.16.0')).toEqual([
      'nanoid@6.0.2 (^22 || ^24 || >=26)',
      'eslint@10.15.0 (^20.19.0 || ^22.13.0 || >=24)',
    ]);
  });

  it("every locked package admits the oldest Node in package.json's engines", () => {
    const lock = lockShape.parse(readJson('package-lock.json'));
    expect(packagesExcluding(lock.packages, oldestSupportedNode())).toEqual([]);
  });
});
