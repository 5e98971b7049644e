import { parseCommandLine } from '../../src/cli/main';

/** How every command (check-tenant, provision, import) reads its flags. */

const USAGE = 'Gebruik: npm run x -- [--site ADRES]';

function io() {
  let out = '';
  let err = '';
  return {
    io: { stdout: (t: string) => (out += t), stderr: (t: string) => (err += t) },
    out: () => out,
    err: () => err,
  };
}

describe('parseCommandLine', () => {
  it('gives the flags it was asked for', () => {
    const c = io();
    const line = parseCommandLine(
      ['--site', 'https://x'],
      { site: { type: 'string' } },
      USAGE,
      c.io,
    );
    expect(line.ok && line.values.site).toBe('https://x');
    expect(c.out() + c.err()).toBe('');
  });

  it('refuses an unknown flag in Dutch, with the usage, exit code 2', () => {
    const c = io();
    const line = parseCommandLine(['--snel'], { site: { type: 'string' } }, USAGE, c.io);
    expect(line).toEqual({ ok: false, exitCode: 2 });
    expect(c.err()).toBe(`Onbekende optie '--snel'.\n\n${USAGE}\n`);
  });

  it('prints the usage on stdout for --help and -h, exit code 0', () => {
    for (const flag of ['--help', '-h']) {
      const c = io();
      expect(parseCommandLine([flag], {}, USAGE, c.io)).toEqual({ ok: false, exitCode: 0 });
      expect(c.out()).toBe(`${USAGE}\n`);
    }
  });

  it('takes file names only where the command takes them', () => {
    const refused = io();
    expect(parseCommandLine(['a.txt'], {}, USAGE, refused.io)).toEqual({ ok: false, exitCode: 2 });
    expect(refused.err()).toMatch(/^Onverwacht argument 'a\.txt'\./);
    const line = parseCommandLine(['a.txt', 'b.pdf'], {}, USAGE, io().io, { positionals: true });
    expect(line.ok && line.positionals).toEqual(['a.txt', 'b.pdf']);
  });
});
