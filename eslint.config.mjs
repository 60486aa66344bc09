import nx from '@nx/eslint-plugin';

// Boundaries (STYLE.md §1): libs that must run without Nest, TypeORM or Kafka ban them outright.
const frameworkBans = ['@nestjs/*', 'typeorm', 'kafkajs', '@willsoto/*', 'nestjs-pino'];

/** The dependency rules of STYLE.md §1; test files may also use the test harness. */
function boundaries(testCode) {
  const testing = testCode ? ['type:testing'] : [];
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:platform', 'type:domain', 'type:contracts', 'type:integration', 'type:util', ...testing] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:testing', 'type:util', 'type:integration'] },
      // platform-templates stores and serves libs/mapping's templates, so platform libs may use the (framework-free) domain libs.
      { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:domain', 'type:contracts', 'type:integration', 'type:util', ...testing] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:util', 'type:integration'] },
      { sourceTag: 'type:integration', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', ...testing], bannedExternalImports: frameworkBans },
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', ...testing], bannedExternalImports: frameworkBans },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:util', ...testing], bannedExternalImports: frameworkBans },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    ],
  };
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/*.json', '**/dist', '**/node_modules', '.data', '.nx', 'tmp', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries(false)],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.object.name=/^(describe|it|test)$/][callee.property.name=/^(only|skip)$/]',
          message: 'Focused or skipped tests are not allowed; a test that cannot run in an environment says why with a skip-reason helper.',
        },
        { selector: 'CallExpression[callee.name=/^(xit|xdescribe|xtest|fit|fdescribe)$/]', message: 'Focused or skipped tests are not allowed.' },
      ],
    },
  },
  {
    // process.env is read only in *.config.ts files (STYLE.md §6); tools, tests and benchmarks are not services.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.config.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration in a *.config.ts file, validated.' }],
    },
  },
  {
    // Tests may use the harness (real PostgreSQL, Kafka, the sandbox); production code may not. An app's
    // src/testing/ folder holds its test-only helpers (a service harness shared by its int-specs).
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'apps/*/src/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries(true)],
      // Tests read untyped JSON bodies and event payloads back; production code stays typed.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
];
