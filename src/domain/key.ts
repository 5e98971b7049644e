/**
 * A stable, human-readable key for a function description ("Deskundige ICT" → "deskundige-ict").
 * Re-importing a document must find the same key, so this depends on the title only.
 */
export function keyFromTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
