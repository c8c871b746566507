// ESLint for the JavaScript shell, the build tools and the tests (`./build.sh lint`): ESLint's
// recommended rules, with each context's globals declared.
import js from '@eslint/js';
import globals from 'globals';

// The generated core scripts' globals (wasm_bindgen, OPTOUT_GUARD_*) are declared with /* global */
// where they are read.
const extensionGlobals = { ...globals.browser, ...globals.serviceworker, ...globals.webextensions };

export default [
  { ignores: ['node_modules/', 'dist/', 'dist-test/', 'dist-granted/', 'dist-probe/', 'dist-scaled/', 'build/', 'target/', 'packages/', 'demo/', 'pkg/'] },
  js.configs.recommended,
  {
    // The shell: one ES module per context, bundled by esbuild (tools/build-dist.mjs).
    files: ['extension/src/**/*.js', 'extension/test-hooks/**/*.js'],
    languageOptions: { sourceType: 'module', globals: extensionGlobals },
    rules: { 'no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    // Copied as it is into test builds: a classic content script.
    files: ['extension/test-hooks/content.js'],
    languageOptions: { sourceType: 'script' },
  },
  {
    files: ['**/*.mjs', 'eslint.config.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.node } },
    rules: { 'no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    // Functions the tests send into pages (page.evaluate) run there, not in Node.
    files: ['tests/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } },
  },
];
