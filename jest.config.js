// Jest runs TypeScript through ts-jest only. `isolatedModules` makes ts-jest transpile file by file
// without type-checking (`npm run typecheck` does that), and `babelConfig: false` keeps Taro's
// babel.config.js out of the tests.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts?(x)'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/', '<rootDir>/test/.artifacts/'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json'],
  transform: {
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
  },
}
