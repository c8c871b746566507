// ESLint for the JavaScript shell, the build tools and the tests (`./build.sh lint`): ESLint's
// recommended rules, with each context's globals declared.
import js from '@eslint/js';
import globals from 'globals';

/**
 * The shell's classic scripts share these globals until they become modules: each is defined by
 * one file and read by the others (the manifest and the HTML pages load them in order).
 */
const shellGlobals = {
  wasm_bindgen: 'readonly', // pkg/optout_wasm.js (wasm-bindgen --target no-modules)
  OPTOUT_GUARD_WASM_BYTES: 'readonly', // pkg/optout_wasm_bytes.js
  OPTOUT_GUARD_FALLBACK: 'readonly', // pkg/optout_wasm_fallback.js
  loadOptOutCore: 'readonly', // core-loader.js
  optoutGuardText: 'readonly', // i18n.js
  optoutGuardNow: 'readonly', // i18n.js
  optoutGuardLocalizePage: 'readonly', // i18n.js
  optoutGuardTestClock: 'readonly', // test-hooks/clock.js, test builds only
  refreshRememberedBadge: 'readonly', // background.js, read by test-hooks/background.js
};

export default [
  { ignores: ['node_modules/', 'dist/', 'dist-test/', 'dist-probe/', 'build/', 'target/', 'packages/', 'demo/', 'pkg/'] },
  js.configs.recommended,
  {
    files: ['extension/src/**/*.js', 'extension/test-hooks/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.browser, ...globals.serviceworker, ...globals.webextensions, ...shellGlobals },
    },
    rules: {
      // A top-level function or constant in one classic script is how it is shared with the others.
      'no-unused-vars': ['error', { vars: 'local', caughtErrors: 'none' }],
      'no-redeclare': ['error', { builtinGlobals: false }],
    },
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
