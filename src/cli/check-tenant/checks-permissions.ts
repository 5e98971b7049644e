import { z } from 'zod';
import { type Access, LISTS, type Principal } from '../../graph/lists';
import { ADD_ONLY_LEVEL } from '../../graph/lists/types';
import { odataString } from '../../graph/sharepoint-rest';
import { type Check, failed, passed } from './runner';

/**
 * List permissions as SharePoint holds them (SharePoint REST, with the SharePoint resource's
 * token): every list with its own assignments, exactly the declared principals with exactly the
 * declared levels, nothing more. The behavioural check in checks-teams.ts says what the two
 * accounts may do; this one says why, and catches a grant to someone else.
 */

const PROVISION = 'voer npm run provision -- --tenant <site> opnieuw uit (docs/deploy.md stap 3)';

const binding = z.object({ Name: z.string(), RoleTypeKind: z.number() }).loose();
const assignments = z.object({
  value: z.array(
    z
      .object({
        Member: z.object({ LoginName: z.string(), Title: z.string() }).loose(),
        RoleDefinitionBindings: z.array(binding),
      })
      .loose(),
  ),
});

/** SharePoint's built-in levels by kind (language-independent), ours by name. */
function accessOf(level: z.infer<typeof binding>): Access | null {
  if (level.RoleTypeKind === 2) return 'read';
  if (level.RoleTypeKind === 3) return 'contribute';
  if (level.Name.toLowerCase() === ADD_ONLY_LEVEL.name.toLowerCase()) return 'add';
  return null;
}

export const permissionsInSharePoint: Check = {
  title: 'Lijstmachtigingen in SharePoint zoals gedeclareerd',
  async run(ctx) {
    const sp = ctx.sharePoint;
    if (!sp) return failed('geen SharePoint-token', 'zie de aanmelding hierboven.');
    const logins = typeof sp.principals === 'function' ? await sp.principals() : sp.principals;
    const nameOf = new Map(
      (Object.entries(logins) as [Principal, string][]).map(([p, login]) => [
        login.toLowerCase(),
        p,
      ]),
    );
    const problems: string[] = [];
    let grants = 0;
    for (const def of LISTS) {
      const path = `web/lists/getbytitle(${odataString(def.name)})`;
      const info = await sp.rest.get(
        `${path}?$select=HasUniqueRoleAssignments`,
        z.object({ HasUniqueRoleAssignments: z.boolean() }).loose(),
      );
      if (!info.HasUniqueRoleAssignments) {
        problems.push(`${def.name} erft de machtigingen van de site`);
        continue;
      }
      const current = (
        await sp.rest.get(
          `${path}/roleassignments?$expand=Member,RoleDefinitionBindings`,
          assignments,
        )
      ).value;
      const have = new Set<string>();
      for (const a of current) {
        for (const level of a.RoleDefinitionBindings) {
          const principal = nameOf.get(a.Member.LoginName.toLowerCase());
          const access = accessOf(level);
          if (principal && access) have.add(`${principal}:${access}`);
          else
            problems.push(`${def.name}: ${a.Member.Title} heeft ${level.Name} (niet gedeclareerd)`);
        }
      }
      for (const grant of def.permissions) {
        grants += 1;
        const key = `${grant.principal}:${grant.access}`;
        if (have.has(key)) have.delete(key);
        else problems.push(`${def.name}: ${grant.principal} mist ${grant.access}`);
      }
      for (const extra of have) problems.push(`${def.name}: ${extra} is te veel`);
    }
    return problems.length === 0
      ? passed(
          `${LISTS.length} lijsten met eigen machtigingen, ${grants} toekenningen precies zoals gedeclareerd, geen andere.`,
        )
      : failed(problems.join('; '), PROVISION);
  },
};
