import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { EmulatorCore } from './core';
import { GROUPS, TEAM_ID, type TenantUser } from './tenant';

/**
 * Functiewijzer as installed in the emulated tenant, for what Graph checks on an activity
 * notification (docs/emulator.md, "As strict as SharePoint"): the activity types the app's
 * manifest declares (read from `manifest/manifest.template.json`, the package IT uploads), and
 * who has the app — every member of the team it was added to, unless a test uninstalled it for
 * someone (`POST /_emulator/app-installations`).
 */

const manifestShape = z.object({
  activities: z
    .object({ activityTypes: z.array(z.object({ type: z.string() })).default([]) })
    .optional(),
});

let declared: ReadonlySet<string> | null = null;

/** The activity types the app declares; read once. No manifest found: none is declared. */
export function declaredActivityTypes(): ReadonlySet<string> {
  if (declared) return declared;
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'manifest', 'manifest.template.json');
    if (existsSync(file)) {
      const parsed = manifestShape.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      declared = new Set(
        parsed.success ? (parsed.data.activities?.activityTypes ?? []).map((a) => a.type) : [],
      );
      return declared;
    }
    dir = path.dirname(dir);
  }
  declared = new Set();
  return declared;
}

const uninstalled = new WeakMap<EmulatorCore, Set<string>>();

export function setAppInstalled(emu: EmulatorCore, user: TenantUser, installed: boolean): void {
  const set = uninstalled.get(emu) ?? new Set<string>();
  if (installed) set.delete(user.id);
  else set.add(user.id);
  uninstalled.set(emu, set);
}

export function resetAppInstallations(emu: EmulatorCore): void {
  uninstalled.delete(emu);
}

/** Whether the user has Functiewijzer: a member of its team, not uninstalled by a test. */
export function hasApp(emu: EmulatorCore, user: TenantUser): boolean {
  const team = GROUPS.find((g) => g.id === TEAM_ID);
  return !!team?.memberIds.includes(user.id) && !uninstalled.get(emu)?.has(user.id);
}
