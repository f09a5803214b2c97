// Jest runs TypeScript through ts-jest only. `isolatedModules` makes ts-jest transpile file by file
// without type-checking (`npm run typecheck` does that), and `babelConfig: false` keeps Taro's
// babel.config.js out of the tests.
//
// Two projects: `unit` (rules, backend, pure page logic; node) and `e2e` (the H5 build in Debian's
// Chromium through playwright-core, test/e2e/). `npm test` runs unit first, then e2e; `npx jest`
// runs both; `npx jest --selectProjects e2e test/e2e/home.test.ts` runs one browser file.
const transform = {
  '^.+\\.tsx?$': [
    'ts-jest',
    {
      babelConfig: false,
      tsconfig: {
        // Transpile only (ts.transpileModule): no type-check in jest. ts-jest 29.4 deprecates its
        // own top-level `isolatedModules` option in favour of this compiler option.
        isolatedModules: true,
        jsx: 'react-jsx',
        esModuleInterop: true,
        resolveJsonModule: true,
        module: 'commonjs',
        target: 'es2020',
      },
    },
  ],
}

const common = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json'],
  transform,
}

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts?(x)'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/', '<rootDir>/test/.artifacts/', '<rootDir>/test/e2e/'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      // Fails the run when /usr/bin/chromium is missing; builds dist/h5 when it is older than the sources.
      globalSetup: '<rootDir>/test/e2e/global-setup.ts',
      // A browser, a server and an H5 page per test: a minute each (testTimeout is not a project option).
      setupFilesAfterEnv: ['<rootDir>/test/e2e/setup.ts'],
      slowTestThreshold: 30,
    },
  ],
}
