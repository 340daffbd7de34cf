import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Size limits the project keeps (../shared/STYLE.md): no file over 300 lines, no function
// over 60. Blank lines and comments do not count: a why-comment should never be the
// thing that has to go.
const MAX_LINES = ['error', { max: 300, skipBlankLines: true, skipComments: true }];
const MAX_FUNCTION_LINES = ['error', { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }];

// A parser's state machine that must stay one function says so in a disable comment
// for max-lines-per-function on the line before it, with the reason.

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', performance: 'readonly', AbortController: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', setImmediate: 'readonly', queueMicrotask: 'readonly', structuredClone: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [{ name: 'natural', message: 'Import the parts of natural by their own paths: the whole package takes >1 s to load and prints to stdout.' }] }],
    },
  },
  // The web page's browser modules (web/, served as they are).
  {
    files: ['web/**/*.js'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', history: 'readonly', location: 'readonly', fetch: 'readonly', FormData: 'readonly', URLSearchParams: 'readonly', URL: 'readonly', sessionStorage: 'readonly' } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
  // The layering rules an import graph cannot see (the rest: .dependency-cruiser.cjs).
  {
    files: ['src/**/*.ts', 'workers/**/*.ts'],
    ignores: ['src/config/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only src/config/ reads the environment: take the value from Settings.' }],
    },
  },
  {
    files: ['src/**/*.ts', 'workers/**/*.ts'],
    ignores: ['src/fetch/**'],
    rules: {
      'no-restricted-globals': ['error', ...['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((name) => ({ name, message: 'Only src/fetch/ does outbound HTTP: take an HttpClient.' }))],
    },
  },
  {
    files: ['src/**/*.ts', 'workers/**/*.ts'],
    rules: { 'max-lines': MAX_LINES },
  },
  {
    files: ['src/**/*.ts', 'workers/**/*.ts'],
    rules: { 'max-lines-per-function': MAX_FUNCTION_LINES },
  },
);
