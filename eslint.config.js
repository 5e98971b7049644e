// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const prettier = require('eslint-config-prettier');

/**
 * An import that climbs out of its folder (`../`…) into one of `dirs` of src/: the layer rules
 * of DESIGN.md §8, checked on the written path.
 */
function layer(dirs, message) {
  return { regex: `^(\\.\\./)+(${dirs.join('|')})(/|$)`, message };
}

/** A tab feature reaching into another feature's folder. */
function siblings(features) {
  return {
    regex: `^(\\.\\./)+(features/)?(${features.join('|')})/`,
    message: 'Features never import each other; move what they share to src/tab/shared.',
  };
}

const appShell = {
  regex: '^(\\.\\./)+app(/|$)',
  message: 'Features do not import the app shell; what they share lives in src/tab/shared.',
};

module.exports = tseslint.config(
  { ignores: ['node_modules', 'dist', 'appPackage/build', 'coverage', '.data', '*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // DESIGN.md §8: the domain is pure and imports nothing of ours.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['../*', 'node:*', 'fs', 'path', 'http', 'react'] },
      ],
    },
  },
  {
    // The Graph layer serves the application layer; it knows neither it nor the tab.
    files: ['src/graph/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer(
              ['tab', 'services', 'cli'],
              'src/graph imports neither the tab, the services nor the CLI.',
            ),
          ],
        },
      ],
    },
  },
  {
    // The application layer is used by the tab and the CLI, never the other way round.
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer(
              ['tab', 'cli', 'emulator'],
              'src/services never imports the tab, the CLI or the emulator.',
            ),
          ],
        },
      ],
    },
  },
  {
    // The edges (Teams, sign-in, configuration) are used by the tab and the services.
    files: ['src/teams/**/*.ts', 'src/auth/**/*.ts', 'src/config/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer(
              ['tab', 'services', 'cli', 'emulator'],
              'An edge module imports no layer above it.',
            ),
          ],
        },
      ],
    },
  },
  {
    // The emulator stands in for Microsoft 365: it may use graph and teams, never the app.
    files: ['src/emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [layer(['tab', 'services', 'cli'], 'The emulator never imports the app.')] },
      ],
    },
  },
  {
    // Shared words: pure tables over domain types, usable by the tab, the card and the services.
    files: ['src/i18n/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer(
              ['tab', 'services', 'graph', 'cli', 'emulator', 'teams', 'auth'],
              'src/i18n imports only the domain.',
            ),
            { group: ['react', 'react-dom'], message: 'src/i18n holds no React.' },
          ],
        },
      ],
    },
  },
  {
    // Features never import each other nor the app shell: what they share lives in
    // src/tab/shared, src/tab/components and src/tab/data.
    files: ['src/tab/features/approval/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [siblings(['catalogue', 'compare', 'competency', 'role']), appShell] },
      ],
    },
  },
  {
    // Features never import each other nor the app shell: what they share lives in
    // src/tab/shared, src/tab/components and src/tab/data.
    files: ['src/tab/features/catalogue/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [siblings(['approval', 'compare', 'competency', 'role']), appShell] },
      ],
    },
  },
  {
    // Features never import each other nor the app shell: what they share lives in
    // src/tab/shared, src/tab/components and src/tab/data.
    files: ['src/tab/features/compare/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [siblings(['approval', 'catalogue', 'competency', 'role']), appShell] },
      ],
    },
  },
  {
    // Features never import each other nor the app shell: what they share lives in
    // src/tab/shared, src/tab/components and src/tab/data.
    files: ['src/tab/features/competency/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [siblings(['approval', 'catalogue', 'compare', 'role']), appShell] },
      ],
    },
  },
  {
    // Features never import each other nor the app shell: what they share lives in
    // src/tab/shared, src/tab/components and src/tab/data.
    files: ['src/tab/features/role/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [siblings(['approval', 'catalogue', 'compare', 'competency']), appShell] },
      ],
    },
  },
);
