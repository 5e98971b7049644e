import {
  buildTeamsDeepLink,
  formatSubPageId,
  parseSubPageId,
  type DeepLinkTarget,
} from '../../src/teams/deep-link';

describe('parseSubPageId', () => {
  it('reads a role, a competency, a comparison and an approval', () => {
    expect(parseSubPageId('role/deskundige-ict')).toEqual({ kind: 'role', key: 'deskundige-ict' });
    expect(parseSubPageId('competency/analyseren')).toEqual({
      kind: 'competency',
      key: 'analyseren',
    });
    expect(parseSubPageId('compare/deskundige-ict/leidinggevende')).toEqual({
      kind: 'compare',
      keys: ['deskundige-ict', 'leidinggevende'],
    });
    expect(parseSubPageId('approval/42')).toEqual({ kind: 'approval', requestId: '42' });
  });

  it('accepts a value that is still URL-encoded, as some hosts pass it', () => {
    expect(parseSubPageId('role%2Fdeskundige-ict')).toEqual({
      kind: 'role',
      key: 'deskundige-ict',
    });
  });

  it.each([
    [undefined],
    [null],
    [''],
    ['role'],
    ['role/'],
    ['role/Deskundige ICT'],
    ['role/a/b'],
    ['compare/deskundige-ict'],
    ['compare/a/a'],
    ['compare/a/b/c/d/e'],
    ['approval/<script>'],
    ['admin/everything'],
    ['%E0%A4%A'],
    ['{"subEntityId":"role/x"}'],
  ])('opens nothing for %p', (raw) => {
    expect(parseSubPageId(raw)).toBeNull();
  });
});

describe('formatSubPageId', () => {
  const targets: DeepLinkTarget[] = [
    { kind: 'role', key: 'deskundige-ict' },
    { kind: 'competency', key: 'pc-vaardigheden' },
    { kind: 'compare', keys: ['a', 'b', 'c'] },
    { kind: 'approval', requestId: '17' },
  ];

  it.each(targets)('round-trips %p through parseSubPageId', (target) => {
    expect(parseSubPageId(formatSubPageId(target))).toEqual(target);
  });

  it('refuses to format a link that would not parse', () => {
    expect(() => formatSubPageId({ kind: 'role', key: 'Met Spaties' })).toThrow();
    expect(() => formatSubPageId({ kind: 'compare', keys: ['alleen-een'] })).toThrow();
  });
});

describe('buildTeamsDeepLink', () => {
  it('puts the sub page in the context parameter Teams reads', () => {
    const link = buildTeamsDeepLink({
      appId: '3f6b1c2e-0000-4000-8000-000000000001',
      entityId: 'functiewijzer',
      target: { kind: 'role', key: 'deskundige-ict' },
      channelId: '19:abc@thread.tacv2',
      label: 'Deskundige ICT',
    });
    const url = new URL(link);
    expect(url.origin).toBe('https://teams.microsoft.com');
    expect(url.pathname).toBe('/l/entity/3f6b1c2e-0000-4000-8000-000000000001/functiewijzer');
    expect(JSON.parse(url.searchParams.get('context') ?? '')).toEqual({
      subEntityId: 'role/deskundige-ict',
      channelId: '19:abc@thread.tacv2',
    });
    expect(link).toContain('label=Deskundige%20ICT');
  });
});
