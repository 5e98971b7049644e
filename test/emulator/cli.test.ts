import path from 'node:path';
import { readEmulatorEnv } from '../../src/cli/emulator';

describe('npm run emulator settings', () => {
  const root = path.resolve(__dirname, '..', '..');

  it('defaults to port 53001 and .data/emulator in the project', () => {
    expect(readEmulatorEnv({})).toEqual({
      EMULATOR_PORT: 53001,
      EMULATOR_DATA: path.join(root, '.data', 'emulator'),
    });
  });

  it('takes EMULATOR_PORT (0 = any free port) and a relative EMULATOR_DATA from the project root', () => {
    expect(readEmulatorEnv({ EMULATOR_PORT: '0', EMULATOR_DATA: 'tmp/emu' })).toEqual({
      EMULATOR_PORT: 0,
      EMULATOR_DATA: path.join(root, 'tmp', 'emu'),
    });
    expect(readEmulatorEnv({ EMULATOR_DATA: '/var/emu' }).EMULATOR_DATA).toBe('/var/emu');
  });

  it.each(['70000', '-1', 'vijf', '3.5'])(
    'refuses EMULATOR_PORT=%s with a Dutch message',
    (port) => {
      expect(() => readEmulatorEnv({ EMULATOR_PORT: port })).toThrow(/EMULATOR_PORT/);
    },
  );
});
