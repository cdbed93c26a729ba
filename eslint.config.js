// Lint rules, including the dependency direction of ../shared/STYLE.md: imports only go down the layers.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layers = [
  'model',
  'util',
  'text',
  'config',
  'search',
  'rules',
  'dedup',
  'feeds',
  'collectors',
  'store',
  'pipeline',
  'web',
  'bot',
  'cli',
];

// What each layer may import from inside src/ (besides itself).
const allowed = {
  model: [],
  util: [],
  // text/ says what a word, a hashtag and a stem are: a pure leaf every layer that reads text may use.
  text: ['model', 'util'],
  config: ['model', 'util'],
  search: ['model', 'util', 'text'],
  rules: ['model', 'util', 'text', 'search'],
  dedup: ['model', 'util', 'text', 'rules', 'search'],
  feeds: ['model', 'util', 'text'],
  collectors: ['model', 'util', 'text'],
  store: ['model', 'util', 'text', 'search', 'rules', 'dedup'],
  pipeline: ['model', 'util', 'text', 'config', 'search', 'rules', 'dedup', 'feeds', 'collectors', 'store'],
  web: [
    'model',
    'util',
    'text',
    'config',
    'search',
    'rules',
    'dedup',
    'feeds',
    'store',
    'pipeline',
    'collectors',
  ],
  bot: ['model', 'util', 'text', 'config', 'search', 'rules', 'dedup', 'feeds', 'store', 'pipeline'],
  cli: layers,
};

const layerRules = layers.map((layer) => {
  const forbidden = layers.filter((l) => l !== layer && !allowed[layer].includes(l));
  const patterns = forbidden.map((l) => ({
    group: [`**/${l}/*`, `../${l}`, `../../${l}`],
    message: `${layer}/ may not import ${l}/ (see the dependency direction in STYLE.md).`,
  }));
  // Outside cli/ code sees the Store interface, never a concrete database.
  if (layer !== 'cli' && layer !== 'store') {
    patterns.push({
      group: ['**/store/sqlite/*', '**/store/postgres/*'],
      message: 'Only cli/ picks a concrete store; depend on the Store interface.',
    });
  }
  return {
    files: [`src/${layer}/**/*.ts`],
    ignores: ['src/**/*.test.ts', 'src/**/*.testkit.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'demo/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...layerRules,
);
