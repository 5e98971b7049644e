import { resolveLocale } from '../../src/teams/locale';
import { parseTeamsTheme } from '../../src/teams/theme';

describe('parseTeamsTheme', () => {
  it.each([
    ['default', 'default'],
    ['dark', 'dark'],
    ['contrast', 'contrast'],
    ['highContrast', 'contrast'],
    ['Dark', 'dark'],
    ['neon', 'default'],
    [undefined, 'default'],
    [3, 'default'],
  ])('%p → %p', (raw, expected) => {
    expect(parseTeamsTheme(raw)).toBe(expected);
  });
});

describe('resolveLocale', () => {
  it.each([
    ['nl-be', 'nl-BE'],
    ['nl-NL', 'nl-BE'],
    ['en-us', 'en-GB'],
    ['en_GB', 'en-GB'],
    ['EN', 'en-GB'],
    ['fr-BE', 'nl-BE'],
    ['', 'nl-BE'],
    [undefined, 'nl-BE'],
  ])('%p → %p', (raw, expected) => {
    expect(resolveLocale(raw)).toBe(expected);
  });
});
