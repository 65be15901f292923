// Four projects, each runnable alone: unit (logic, mocked SDK), integration (real DynamoDB Local
// and SQS emulator, started once in globalSetup), infra (CDK Template assertions and cdk-nag), browser
// (web pages in Chromium).
// ESM-only packages (middy, jose) are transformed to CommonJS by swc like our own sources.
const swc = (tsx) => [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx },
      target: 'es2023',
      ...(tsx ? { transform: { react: { runtime: 'automatic' } } } : {}),
    },
    module: { type: 'commonjs' },
  },
];
const transform = { '^.+\\.tsx$': swc(true), '^.+\\.(t|j)sx?$': swc(false) };
const transformIgnorePatterns = ['/node_modules/(?!(@middy|jose)/)'];
// middy 7 exports only the `import` condition; point jest's CommonJS resolver at its entry.
const moduleNameMapper = {
  '^@middy/(core|util)$': '<rootDir>/node_modules/@middy/$1/index.js',
  // package.json "imports": the domain core, as tsc, esbuild and tsx resolve it.
  '^#domain/(.*)$': '<rootDir>/domain/$1',
};
const common = { testEnvironment: 'node', transform, transformIgnorePatterns, moduleNameMapper };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      // test/web: the web pages' rules (web/tsconfig.json types them with the DOM).
      testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/web/**/*.test.ts?(x)'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    },
    { ...common, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
    // Real browser (Debian's Chromium through playwright-core) against the pages on the local line.
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
