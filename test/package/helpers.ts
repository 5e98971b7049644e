import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface TempProject {
  root: string;
  manifestDir: string;
  outDir: string;
  /**
   * Writes env/.env.<name>: the repo's .env.local with a non-placeholder client id and
   * `overrides` applied (undefined deletes a variable).
   */
  writeEnv(name: string, overrides?: Record<string, string | undefined>): void;
  readManifestTemplate(): Record<string, unknown>;
  writeManifestTemplate(value: unknown): void;
  cleanup(): void;
}

/** A throw-away copy of the project's manifest/, env/ and package.json to break on purpose. */
export function makeTempProject(): TempProject {
  const root = mkdtempSync(path.join(os.tmpdir(), 'functiewijzer-package-'));
  cpSync(path.join(REPO_ROOT, 'manifest'), path.join(root, 'manifest'), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'env'), path.join(root, 'env'), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'package.json'), path.join(root, 'package.json'));
  const manifestDir = path.join(root, 'manifest');
  const templateFile = path.join(manifestDir, 'manifest.template.json');
  return {
    root,
    manifestDir,
    outDir: path.join(root, 'appPackage', 'build'),
    writeEnv(name, overrides = {}) {
      const base = parseEnv(readFileSync(path.join(REPO_ROOT, 'env', '.env.local'), 'utf8'));
      // A real-looking client id, so only the problem a test provokes is reported.
      const merged: Record<string, string | undefined> = {
        ...base,
        AAD_APP_CLIENT_ID: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
        ...overrides,
      };
      const lines = Object.entries(merged)
        .filter((entry): entry is [string, string] => entry[1] !== undefined)
        .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
      writeFileSync(path.join(root, 'env', `.env.${name}`), `${lines.join('\n')}\n`);
    },
    readManifestTemplate() {
      return JSON.parse(readFileSync(templateFile, 'utf8')) as Record<string, unknown>;
    },
    writeManifestTemplate(value) {
      writeFileSync(templateFile, JSON.stringify(value, null, 2));
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
