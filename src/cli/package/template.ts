/**
 * `${{NAME}}` placeholders, the Microsoft 365 Agents Toolkit's syntax, filled from an env file.
 *
 * Placeholders are replaced inside the parsed JSON's string values rather than in the raw text:
 * a value with a quote or a backslash cannot break the JSON, and every placeholder has a JSON
 * pointer to report when its variable is missing.
 */

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export interface TemplateVariableUse {
  variable: string;
  /** JSON pointer of the string that uses it. */
  pointer: string;
}

export interface FilledTemplate {
  value: JsonValue;
  /** Every variable the template uses, with where. */
  used: TemplateVariableUse[];
  /** Uses whose variable is not defined; their placeholder is left in place. */
  missing: TemplateVariableUse[];
}

function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function fillTemplate(
  template: JsonValue,
  variables: Readonly<Record<string, string | undefined>>,
): FilledTemplate {
  const used: TemplateVariableUse[] = [];
  const missing: TemplateVariableUse[] = [];

  function fill(value: JsonValue, pointer: string): JsonValue {
    if (typeof value === 'string') {
      return value.replace(PLACEHOLDER, (whole, variable: string) => {
        const use = { variable, pointer: pointer || '/' };
        used.push(use);
        const replacement = variables[variable];
        if (replacement === undefined) {
          missing.push(use);
          return whole;
        }
        return replacement;
      });
    }
    if (Array.isArray(value)) return value.map((item, index) => fill(item, `${pointer}/${index}`));
    if (value !== null && typeof value === 'object') {
      const out: { [key: string]: JsonValue } = {};
      for (const [key, item] of Object.entries(value)) {
        out[key] = fill(item, `${pointer}/${escapePointerToken(key)}`);
      }
      return out;
    }
    return value;
  }

  return { value: fill(template, ''), used, missing };
}
