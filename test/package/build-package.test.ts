// @microsoft/app-manifest requires strip-bom, an ES module jest's CommonJS runtime cannot load
// on Node 20 (plain Node can). Only its manifest *reading* helpers use it, which packaging does
// not; this stands in with the same one-line behaviour so the real validator can be loaded.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { GRAPH_SCOPES } from '../../src/auth/msal-scopes';
import {
  buildAppPackage,
  formatProblem,
  PackageError,
  type PackageProblem,
} from '../../src/cli/package/build-package';
import { encodePng } from '../../src/cli/package/icon-art';
import { tenantRuntimeConfigSchema } from '../../src/teams/runtime-config';
import { makeTempProject, REPO_ROOT, type TempProject } from './helpers';

async function packageProblems(
  project: Pick<TempProject, 'root'>,
  envName = 'test',
): Promise<{ problems: PackageProblem[]; message: string }> {
  try {
    await buildAppPackage({ root: project.root, envName });
  } catch (error) {
    if (error instanceof PackageError) return { problems: error.problems, message: error.message };
    throw error;
  }
  throw new Error('packaging unexpectedly succeeded');
}

async function readZip(file: string): Promise<JSZip> {
  return JSZip.loadAsync(readFileSync(file));
}

function solidPng(width: number, height: number, rgba: [number, number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let offset = 0; offset < png.data.length; offset += 4) {
    png.data[offset] = rgba[0];
    png.data[offset + 1] = rgba[1];
    png.data[offset + 2] = rgba[2];
    png.data[offset + 3] = rgba[3];
  }
  return encodePng(png);
}

describe('packaging the project’s own env files', () => {
  let outDir: string;
  let project: TempProject;
  beforeAll(() => {
    project = makeTempProject();
    outDir = project.outDir;
  });
  afterAll(() => project.cleanup());

  it('packages local out of the box, with the env values filled in', async () => {
    const built = await buildAppPackage({ root: REPO_ROOT, envName: 'local', outDir });
    expect(built.zipPath).toBe(path.join(outDir, 'appPackage.local.zip'));
    expect(built.warnings.join('\n')).toContain('AAD_APP_CLIENT_ID');

    const zip = await readZip(built.zipPath);
    expect(Object.keys(zip.files).sort()).toEqual(
      ['color.png', 'en.json', 'manifest.json', 'nl.json', 'outline.png'].sort(),
    );
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.id).toBe('ae33b711-c17e-469c-a470-b90980546278');
    expect(manifest.version).toBe(
      (
        JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version,
    );
    expect(manifest.validDomains).toEqual(['localhost:53000']);
    expect(manifest.staticTabs[0].contentUrl).toBe('https://localhost:53000/');
    expect(manifest.configurableTabs[0].configurationUrl).toBe(
      'https://localhost:53000/?configuratie',
    );
    expect(manifest.webApplicationInfo).toEqual({
      id: '00000000-0000-0000-0000-00000000c11e',
      nestedAppAuthInfo: [
        { redirectUri: 'brk-multihub://localhost:53000', scopes: [...GRAPH_SCOPES] },
      ],
    });
    expect(manifest.activities.activityTypes).toEqual([
      expect.objectContaining({
        type: 'approvalRequested',
        templateText: '{actor} vraagt goedkeuring voor {functie}',
      }),
    ]);
    expect(JSON.stringify(manifest)).not.toContain('${{');

    const nl = JSON.parse(await zip.file('nl.json')!.async('string'));
    expect(nl['name.short']).toBe('Functiewijzer (lokaal)');
    const color = await zip.file('color.png')!.async('nodebuffer');
    expect(color.equals(readFileSync(path.join(REPO_ROOT, 'manifest', 'color.png')))).toBe(true);
    // The filled manifest is also left beside the zip for IT to inspect.
    expect(JSON.parse(readFileSync(built.manifestPath, 'utf8'))).toEqual(manifest);
  });

  it.each(['dev', 'prod'])(
    'refuses %s while it holds example values, naming each one',
    async (envName) => {
      const { problems, message } = await packageProblems({ root: REPO_ROOT }, envName);
      expect(problems.every((problem) => problem.file === `env/.env.${envName}`)).toBe(true);
      expect(problems.map((problem) => problem.message.split(' ')[0])).toEqual(
        expect.arrayContaining(['AAD_APP_CLIENT_ID', 'TAB_ENDPOINT', 'TAB_DOMAIN']),
      );
      expect(message).toContain('--allow-placeholders');
    },
  );

  it.each(['dev', 'prod'])(
    'packages %s with --allow-placeholders, with its own app id and domain',
    async (envName) => {
      const built = await buildAppPackage({
        root: REPO_ROOT,
        envName,
        outDir,
        allowPlaceholders: true,
      });
      expect(path.basename(built.zipPath)).toBe(`appPackage.${envName}.zip`);
      expect(built.warnings).toHaveLength(1);
      const manifest = JSON.parse(
        await (await readZip(built.zipPath)).file('manifest.json')!.async('string'),
      );
      const env = readFileSync(path.join(REPO_ROOT, 'env', `.env.${envName}`), 'utf8');
      expect(env).toContain(`TEAMS_APP_ID=${manifest.id}`);
      expect(env).toContain(`TAB_DOMAIN=${manifest.validDomains[0]}`);
    },
  );

  it('gives every environment its own Teams app id', () => {
    const ids = ['local', 'dev', 'prod'].map(
      (name) =>
        /^TEAMS_APP_ID=(.+)$/m.exec(
          readFileSync(path.join(REPO_ROOT, 'env', `.env.${name}`), 'utf8'),
        )?.[1],
    );
    expect(new Set(ids).size).toBe(3);
  });

  it('writes the tab’s /config.json for the same environment', async () => {
    const built = await buildAppPackage({ root: REPO_ROOT, envName: 'local', outDir });
    expect(built.runtimeConfigPath).toBe(path.join(outDir, 'config.local.json'));
    const config = tenantRuntimeConfigSchema.parse(
      JSON.parse(readFileSync(built.runtimeConfigPath!, 'utf8')),
    );
    expect(config).toMatchObject({
      mode: 'tenant',
      clientId: '00000000-0000-0000-0000-00000000c11e',
      site: { hostname: 'voorbeeld.sharepoint.com', path: '/sites/functiewijzer' },
    });
  });

  it('produces the same bytes for the same inputs', async () => {
    const first = await buildAppPackage({ root: REPO_ROOT, envName: 'local', outDir });
    const bytesA = readFileSync(first.zipPath);
    const second = await buildAppPackage({ root: REPO_ROOT, envName: 'local', outDir });
    expect(readFileSync(second.zipPath).equals(bytesA)).toBe(true);
  });
});

describe('broken inputs fail with the file and the JSON path', () => {
  let project: TempProject;
  beforeEach(() => {
    project = makeTempProject();
    project.writeEnv('test');
  });
  afterEach(() => project.cleanup());

  it('a missing env file', async () => {
    const { problems } = await packageProblems(project, 'staging');
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'env/.env.staging',
        message: expect.stringContaining('bestand niet gevonden'),
      }),
    ]);
  });

  it('a bad app id, named by the schema path', async () => {
    project.writeEnv('test', { TEAMS_APP_ID: 'functiewijzer-app' });
    const { problems, message } = await packageProblems(project);
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'manifest/manifest.template.json', pointer: '/id' }),
    );
    expect(message).toContain('manifest/manifest.template.json: /id: must match pattern');
  });

  it('an entity id longer than Teams allows', async () => {
    const template = project.readManifestTemplate() as { staticTabs: Array<{ entityId: string }> };
    template.staticTabs[0]!.entityId = 'x'.repeat(65);
    project.writeManifestTemplate(template);
    const { problems } = await packageProblems(project);
    expect(problems.map(formatProblem)).toContainEqual(
      expect.stringMatching(
        /^manifest\/manifest\.template\.json: \/staticTabs\/0\/entityId: must NOT have more than 64 characters/,
      ),
    );
  });

  it('a missing icon', async () => {
    rmSync(path.join(project.manifestDir, 'color.png'));
    const { problems } = await packageProblems(project);
    expect(problems).toEqual([
      {
        file: 'manifest/manifest.template.json',
        pointer: '/icons/color',
        message: 'het pictogram manifest/color.png bestaat niet',
      },
    ]);
  });

  it('an icon of the wrong size', async () => {
    writeFileSync(
      path.join(project.manifestDir, 'color.png'),
      solidPng(100, 100, [27, 94, 150, 255]),
    );
    const { problems } = await packageProblems(project);
    expect(problems).toEqual([
      {
        file: 'manifest/color.png',
        pointer: null,
        message: 'color-pictogram moet 192×192 pixels zijn, is 100×100',
      },
    ]);
  });

  it('an outline icon without transparency, or with colour', async () => {
    const outline = path.join(project.manifestDir, 'outline.png');
    writeFileSync(outline, solidPng(32, 32, [255, 255, 255, 255]));
    expect((await packageProblems(project)).problems.map(formatProblem)).toEqual([
      'manifest/outline.png: outline-pictogram moet een transparante achtergrond hebben (geen enkele pixel is transparant)',
    ]);

    const png = PNG.sync.read(readFileSync(path.join(REPO_ROOT, 'manifest', 'outline.png')));
    png.data[(16 * 32 + 16) * 4] = 200; // one visible pixel tinted
    png.data[(16 * 32 + 16) * 4 + 3] = 255;
    writeFileSync(outline, encodePng(png));
    expect((await packageProblems(project)).problems.map(formatProblem)).toEqual([
      'manifest/outline.png: outline-pictogram mag alleen wit bevatten op transparant (1 pixels hebben een kleur)',
    ]);
  });

  it('a file that is not a PNG', async () => {
    writeFileSync(path.join(project.manifestDir, 'outline.png'), 'not a png');
    const { problems } = await packageProblems(project);
    expect(problems[0]).toMatchObject({
      file: 'manifest/outline.png',
      message: expect.stringContaining('geen geldig PNG-bestand'),
    });
  });

  it('a variable the env file does not define', async () => {
    project.writeEnv('test', { DEVELOPER_NAME: undefined });
    const { problems } = await packageProblems(project);
    expect(problems).toContainEqual({
      file: 'manifest/manifest.template.json',
      pointer: '/developer/name',
      message: '${{DEVELOPER_NAME}} is niet gedefinieerd in env/.env.test',
    });
  });

  it('a tab served from a domain outside validDomains', async () => {
    project.writeEnv('test', { TAB_ENDPOINT: 'https://elders.stad.be' });
    const { problems } = await packageProblems(project);
    expect(problems.map((problem) => problem.pointer)).toEqual(
      expect.arrayContaining(['/staticTabs/0/contentUrl', '/configurableTabs/0/configurationUrl']),
    );
    expect(problems[0]!.message).toContain('elders.stad.be staat niet in validDomains');
  });

  it('nested app auth scopes that differ from the ones the tab requests', async () => {
    const template = project.readManifestTemplate() as {
      webApplicationInfo: { nestedAppAuthInfo: Array<{ scopes: string[] }> };
    };
    template.webApplicationInfo.nestedAppAuthInfo[0]!.scopes.reverse();
    project.writeManifestTemplate(template);
    const { problems } = await packageProblems(project);
    expect(problems).toEqual([
      expect.objectContaining({ pointer: '/webApplicationInfo/nestedAppAuthInfo/0/scopes' }),
    ]);
  });

  it('a manifest version that is not bundled', async () => {
    project.writeManifestTemplate({ ...project.readManifestTemplate(), manifestVersion: '1.99' });
    const { problems } = await packageProblems(project);
    expect(problems).toEqual([
      expect.objectContaining({
        pointer: '/manifestVersion',
        message: expect.stringContaining('"1.99" is geen schemaversie'),
      }),
    ]);
  });

  it('a localisation string that breaks the localisation schema', async () => {
    const nlFile = path.join(project.manifestDir, 'nl.json');
    const nl = JSON.parse(readFileSync(nlFile, 'utf8')) as Record<string, string>;
    nl['name.short'] = 'Functiewijzer met een veel te lange naam';
    writeFileSync(nlFile, JSON.stringify(nl));
    const { problems } = await packageProblems(project);
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^manifest\/nl\.json: \/name\.short: must NOT have more than 30 characters/,
      ),
    ]);
  });

  it('a template that is not JSON', async () => {
    writeFileSync(path.join(project.manifestDir, 'manifest.template.json'), '{ "id": ');
    const { problems } = await packageProblems(project);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'manifest/manifest.template.json',
        pointer: null,
        message: expect.stringContaining('geen geldige JSON'),
      }),
    ]);
  });

  it('still packages when only the tab’s tenant settings are incomplete, and says so', async () => {
    project.writeEnv('test', { SHAREPOINT_SITE_URL: undefined });
    const built = await buildAppPackage({ root: project.root, envName: 'test' });
    expect(built.runtimeConfigPath).toBeNull();
    const warnings = built.warnings.join('\n');
    expect(warnings).toContain(
      'config.test.json (de configuratie van het tabblad) is niet geschreven:',
    );
    expect(warnings).toContain('SHAREPOINT_SITE_URL ontbreekt');
  });

  it('reports every problem at once', async () => {
    project.writeEnv('test', { TEAMS_APP_ID: 'nope', DEVELOPER_NAME: undefined });
    rmSync(path.join(project.manifestDir, 'outline.png'));
    const { problems } = await packageProblems(project);
    expect(problems.map((problem) => problem.pointer)).toEqual(
      expect.arrayContaining(['/id', '/developer/name', '/icons/outline']),
    );
  });
});
