// Each browser test starts a server, a browser and an H5 page: give it a minute, not five seconds.
jest.setTimeout(60_000)
// One retry, with the first failure printed: on a loaded 2-core machine a page's first paint can
// take past a wait's 30 s. A test that fails twice fails the suite.
jest.retryTimes(1, { logErrorsBeforeRetry: true })
