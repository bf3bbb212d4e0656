// eslint for the page's JavaScript (theme/src/) and its node tests (tests/js/).
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['theme/page.js', 'theme/index.js', 'site/', 'bench/out/', 'node_modules/', 'build/', 'dist/', '.venv/'] },
  js.configs.recommended,
  {
    files: ['theme/src/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.browser },
    rules: {
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: ['error', 'smart'],
      'no-implicit-globals': 'error',
      'no-restricted-globals': ['error', 'name', 'status', 'event'],
    },
  },
  {
    files: ['tests/js/**/*.js', 'tests/js/**/*.mjs', 'scripts/*.mjs', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.node },
  },
];
