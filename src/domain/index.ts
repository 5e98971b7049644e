// The pure domain (DESIGN §8): safe to import from the tab, the CLI, the emulator and tests.
export * from './schema';
export * from './key';
export * from './content-hash';
export * from './sha256';
export * from './dates';
export * from './status';
export * from './diff';
export * from './list-diff';
export * from './levels';
export * from './text';
