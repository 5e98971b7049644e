// See build-package.test.ts: strip-bom is ESM-only and unused by packaging.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { parsePackageArgs, runPackage, UsageError } from '../../src/cli/package';
import { makeTempProject, REPO_ROOT, type TempProject } from './helpers';

describe('parsePackageArgs', () => {
  it('reads --env in both spellings and the flags', () => {
    expect(parsePackageArgs(['--env', 'prod'])).toEqual({
      kind: 'package',
      envName: 'prod',
      allowPlaceholders: false,
    });
    expect(parsePackageArgs(['--env=dev', '--allow-placeholders'])).toEqual({
      kind: 'package',
      envName: 'dev',
      allowPlaceholders: true,
    });
    expect(parsePackageArgs(['--write-icons'])).toEqual({ kind: 'write-icons' });
  });

  it('refuses a missing environment or an unknown option', () => {
    expect(() => parsePackageArgs([])).toThrow(UsageError);
    expect(() => parsePackageArgs(['--env'])).toThrow('--env heeft een naam nodig');
    expect(() => parsePackageArgs(['--env', 'dev', '--zip'])).toThrow('Onbekende optie: --zip');
  });
});

describe('runPackage', () => {
  let project: TempProject;
  let out: string[];
  let err: string[];
  const io = () => ({
    root: project.root,
    out: (l: string) => out.push(l),
    err: (l: string) => err.push(l),
  });
  beforeEach(() => {
    project = makeTempProject();
    out = [];
    err = [];
  });
  afterEach(() => project.cleanup());

  it('writes the package and says where, exit code 0', async () => {
    expect(await runPackage(['--env', 'local'], io())).toBe(0);
    expect(existsSync(path.join(project.outDir, 'appPackage.local.zip'))).toBe(true);
    expect(out[0]).toMatch(/^App-pakket gemaakt: appPackage\/build\/appPackage\.local\.zip/);
    expect(err.join('\n')).toContain('Let op: env/.env.local bevat nog voorbeeldwaarden');
  });

  it('fails with exit code 1 and every problem on stderr', async () => {
    project.writeEnv('broken', { TEAMS_APP_ID: 'x' });
    rmSync(path.join(project.manifestDir, 'color.png'));
    expect(await runPackage(['--env', 'broken'], io())).toBe(1);
    const text = err.join('\n');
    expect(text).toContain('manifest/manifest.template.json: /id: must match pattern');
    expect(text).toContain(
      'manifest/manifest.template.json: /icons/color: het pictogram manifest/color.png bestaat niet',
    );
    expect(existsSync(path.join(project.outDir, 'appPackage.broken.zip'))).toBe(false);
  });

  it('exit code 2 and the usage on a usage error', async () => {
    expect(await runPackage([], io())).toBe(2);
    expect(err.join('\n')).toContain('Gebruik: npm run package -- --env <naam>');
  });

  it('--write-icons redraws the icons', async () => {
    rmSync(path.join(project.manifestDir, 'outline.png'));
    expect(await runPackage(['--write-icons'], io())).toBe(0);
    const outline = PNG.sync.read(readFileSync(path.join(project.manifestDir, 'outline.png')));
    expect([outline.width, outline.height]).toEqual([32, 32]);
  });
});

describe('npm run package as a process', () => {
  it('exits non-zero and names the missing env file', () => {
    const result = spawnSync(
      process.execPath,
      [
        path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        'src/cli/package.ts',
        '--env',
        'bestaat-niet',
      ],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('env/.env.bestaat-niet: bestand niet gevonden');
  });
});
