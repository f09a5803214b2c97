// The weapp check (npm run test:weapp): a jest project of its own, run once by `npm test` (not under
// both time zones like test:suite). Its files end in .spec.ts so the unit project (test/**/*.test.ts)
// does not pick them up. It reads the production build in dist/weapp (WEAPP_DIST overrides).
const base = require('../../jest.config.js').projects[0]

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  moduleFileExtensions: base.moduleFileExtensions,
  transform: base.transform,
  testMatch: ['<rootDir>/test/weapp/**/*.spec.ts'],
  testTimeout: 120000,
}
