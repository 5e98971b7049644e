import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { z } from 'zod';
import {
  ENV_DIR,
  EnvFileError,
  isPlaceholder,
  parseTenantConfig,
  readEnvFile,
  TenantConfigError,
  toTenantRuntimeConfig,
} from '../../config/tenant-config';
import { checkIcon, type IconKind } from './icons';
import {
  checkDomains,
  checkNestedAppAuth,
  manifestShape,
  schemaProblems,
  SEMVER,
} from './manifest-checks';
import { PackageError, type PackageProblem, readJson } from './problems';
import { bundledManifestVersions, loadBundledSchema } from './schema';
import { fillTemplate, type JsonValue } from './template';

/**
 * `npm run package -- --env <name>`: manifest template + `env/.env.<name>` → a validated Teams
 * app package. Everything Teams would reject on upload is checked here, offline, and reported
 * all at once as `file: /json/pointer: what is wrong`, so IT fixes it before the upload.
 */

export const MANIFEST_TEMPLATE = 'manifest.template.json';
export const DEFAULT_OUT_DIR = path.join('appPackage', 'build');

/** Environments that may keep example values: they exist to be tried without a tenant. */
const PLACEHOLDERS_ALLOWED_IN = new Set(['local']);

// The problems are part of this module's contract: `npm run package` prints them.
export { formatProblem, PackageError, type PackageProblem } from './problems';

export interface BuildAppPackageOptions {
  /** Project root: holds `env/` and `package.json`. */
  root: string;
  envName: string;
  /** Default `<root>/manifest`. */
  manifestDir?: string;
  /** Default `<root>/appPackage/build`. */
  outDir?: string;
  /** Accept example values outside `local` (to try the package, never to roll it out). */
  allowPlaceholders?: boolean;
}

export interface BuiltAppPackage {
  zipPath: string;
  /** The filled manifest, also written beside the zip for inspection. */
  manifestPath: string;
  /**
   * `config.<env>.json`: the tab's tenant runtime configuration, to serve as `/config.json`;
   * null when the env file's tenant settings are incomplete (then `warnings` says why).
   */
  runtimeConfigPath: string | null;
  manifest: JsonValue;
  /** Names inside the zip, in order. */
  entries: string[];
  bytes: number;
  /** Dutch; the package was made but something deserves attention. */
  warnings: string[];
}

// The zip entries carry this date so the same inputs give the same package.
const FIXED_ZIP_DATE = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

function readAppVersion(root: string): string | undefined {
  try {
    const parsed = z
      .object({ version: z.string() })
      .safeParse(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')));
    return parsed.success ? parsed.data.version : undefined;
  } catch {
    return undefined;
  }
}

export async function buildAppPackage(options: BuildAppPackageOptions): Promise<BuiltAppPackage> {
  const root = path.resolve(options.root);
  const manifestDir = path.resolve(options.manifestDir ?? path.join(root, 'manifest'));
  const outDir = path.resolve(options.outDir ?? path.join(root, DEFAULT_OUT_DIR));
  const display = (file: string) => toPosix(path.relative(root, file));
  const envDisplay = `${ENV_DIR}/.env.${options.envName}`;
  const problems: PackageProblem[] = [];
  const warnings: string[] = [];
  const hints: string[] = [];

  let env: Record<string, string>;
  try {
    env = readEnvFile(root, options.envName);
  } catch (error) {
    if (!(error instanceof EnvFileError)) throw error;
    const prefix = `${envDisplay}: `;
    const message = error.message.startsWith(prefix)
      ? error.message.slice(prefix.length)
      : error.message;
    throw new PackageError([{ file: envDisplay, pointer: null, message }]);
  }
  // APP_VERSION follows package.json unless the env file pins it: each release then replaces
  // the installed app, which Teams only does for a higher version.
  const appVersion = readAppVersion(root);
  const variables: Record<string, string> = {
    ...(appVersion ? { APP_VERSION: appVersion } : {}),
    ...env,
  };
  const usedVariables = new Map<string, string>();

  const templateFile = path.join(manifestDir, MANIFEST_TEMPLATE);
  const templateDisplay = display(templateFile);
  const template = readJson(templateFile, templateDisplay, problems);
  if (template === undefined) throw new PackageError(problems);

  const filled = fillTemplate(template, variables);
  for (const use of filled.missing) {
    problems.push({
      file: templateDisplay,
      pointer: use.pointer,
      message: `\${{${use.variable}}} is niet gedefinieerd in ${envDisplay}`,
    });
  }
  for (const use of filled.used) usedVariables.set(use.variable, variables[use.variable] ?? '');
  const manifest = filled.value;

  const version =
    manifest !== null && typeof manifest === 'object' && !Array.isArray(manifest)
      ? manifest.manifestVersion
      : undefined;
  if (typeof version !== 'string' || !loadBundledSchema('manifest', version)) {
    problems.push({
      file: templateDisplay,
      pointer: '/manifestVersion',
      message: `${JSON.stringify(version ?? null)} is geen schemaversie die @microsoft/app-manifest meelevert (beschikbaar: ${bundledManifestVersions().join(', ')})`,
    });
    throw new PackageError(problems);
  }
  await schemaProblems('manifest', version, manifest, templateDisplay, problems);

  // The schema has passed or its problems are listed; read what the next checks need leniently.
  const shape = manifestShape.safeParse(manifest);
  const zipFiles: Array<{ name: string; data: Buffer }> = [];
  if (shape.success) {
    const m = shape.data;
    if (!SEMVER.test(m.version)) {
      problems.push({
        file: templateDisplay,
        pointer: '/version',
        message: `"${m.version}" is geen versie als 1.2.3 (APP_VERSION in ${envDisplay} of de versie in package.json)`,
      });
    }
    checkDomains(m, templateDisplay, problems);
    checkNestedAppAuth(m, templateDisplay, problems);

    const icons: Array<{ kind: IconKind; pointer: string; name: string }> = [
      { kind: 'color', pointer: '/icons/color', name: m.icons.color },
      { kind: 'outline', pointer: '/icons/outline', name: m.icons.outline },
    ];
    for (const icon of icons) {
      const file = path.join(manifestDir, icon.name);
      if (!existsSync(file) || !file.startsWith(manifestDir + path.sep)) {
        problems.push({
          file: templateDisplay,
          pointer: icon.pointer,
          message: `het pictogram ${display(file)} bestaat niet`,
        });
        continue;
      }
      const bytes = await fs.readFile(file);
      for (const message of checkIcon(icon.kind, bytes)) {
        problems.push({
          file: display(file),
          pointer: null,
          message: `${icon.kind}-pictogram ${message}`,
        });
      }
      zipFiles.push({ name: icon.name, data: bytes });
    }

    const languageFiles = [
      ...(m.localizationInfo?.defaultLanguageFile
        ? [
            {
              pointer: '/localizationInfo/defaultLanguageFile',
              name: m.localizationInfo.defaultLanguageFile,
            },
          ]
        : []),
      ...(m.localizationInfo?.additionalLanguages ?? []).map((language, index) => ({
        pointer: `/localizationInfo/additionalLanguages/${index}/file`,
        name: language.file,
      })),
    ];
    for (const language of languageFiles) {
      const file = path.join(manifestDir, language.name);
      const fileDisplay = display(file);
      if (!existsSync(file) || !file.startsWith(manifestDir + path.sep)) {
        problems.push({
          file: templateDisplay,
          pointer: language.pointer,
          message: `het taalbestand ${fileDisplay} bestaat niet`,
        });
        continue;
      }
      const raw = readJson(file, fileDisplay, problems);
      if (raw === undefined) continue;
      const localized = fillTemplate(raw, variables);
      for (const use of localized.missing) {
        problems.push({
          file: fileDisplay,
          pointer: use.pointer,
          message: `\${{${use.variable}}} is niet gedefinieerd in ${envDisplay}`,
        });
      }
      for (const use of localized.used)
        usedVariables.set(use.variable, variables[use.variable] ?? '');
      await schemaProblems('localization', version, localized.value, fileDisplay, problems);
      zipFiles.push({
        name: language.name,
        data: Buffer.from(`${JSON.stringify(localized.value, null, 2)}\n`),
      });
    }
  }

  const placeholders = [...usedVariables].filter(([, value]) => isPlaceholder(value));
  if (placeholders.length > 0) {
    if (options.allowPlaceholders || PLACEHOLDERS_ALLOWED_IN.has(options.envName)) {
      warnings.push(
        `${envDisplay} bevat nog voorbeeldwaarden (${placeholders.map(([variable]) => variable).join(', ')}): het pakket installeert, maar aanmelden werkt pas met de echte waarden.`,
      );
    } else {
      for (const [variable, value] of placeholders) {
        problems.push({
          file: envDisplay,
          pointer: null,
          message: `${variable} is nog een voorbeeldwaarde ("${value}")`,
        });
      }
      hints.push(
        `Vervang de voorbeeldwaarden in ${envDisplay} (docs/deploy.md zegt waar je elke waarde vindt), of maak een proefpakket met --allow-placeholders.`,
      );
    }
  }

  if (problems.length > 0) throw new PackageError(problems, hints);

  const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;
  const zip = new JSZip();
  const entries = ['manifest.json', ...zipFiles.map((file) => file.name)];
  zip.file('manifest.json', manifestJson, { date: FIXED_ZIP_DATE });
  for (const file of zipFiles) zip.file(file.name, file.data, { date: FIXED_ZIP_DATE });
  const archive = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
  });

  await fs.mkdir(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${options.envName}.zip`);
  const manifestPath = path.join(outDir, `manifest.${options.envName}.json`);
  await fs.writeFile(zipPath, archive);
  await fs.writeFile(manifestPath, manifestJson);

  // The tab reads its tenant settings from /config.json at run time; the same env file yields
  // it, so IT uploads it beside the built tab instead of writing it by hand.
  const configPath = path.join(outDir, `config.${options.envName}.json`);
  let runtimeConfigPath: string | null = null;
  try {
    const tenant = parseTenantConfig(env, {
      source: envDisplay,
      allowPlaceholders: options.allowPlaceholders || PLACEHOLDERS_ALLOWED_IN.has(options.envName),
    });
    await fs.writeFile(configPath, `${JSON.stringify(toTenantRuntimeConfig(tenant), null, 2)}\n`);
    runtimeConfigPath = configPath;
  } catch (error) {
    if (!(error instanceof TenantConfigError)) throw error;
    await fs.rm(configPath, { force: true });
    warnings.push(
      `${path.basename(configPath)} (de configuratie van het tabblad) is niet geschreven: ${error.problems.map((problem) => problem.message).join(' ')}`,
    );
  }
  return {
    zipPath,
    manifestPath,
    runtimeConfigPath,
    manifest,
    entries,
    bytes: archive.length,
    warnings,
  };
}
