/**
 * List item ↔ domain, one file per list. Each list's zod schema of `fields` and its `$select`
 * are generated from the list declaration (`../lists`, `./fields.ts`); what a file adds is the
 * domain mapping of those fields. Graph responses are validated here; what passes is a domain
 * value.
 */
export * from './fields';
export * from './shared';
export * from './functies';
export * from './taakafspraken';
export * from './functiecompetenties';
export * from './competenties';
export * from './aanvragen';
export * from './besluiten';
