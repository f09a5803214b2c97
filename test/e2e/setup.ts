// Each browser test starts a server, a browser and an H5 page: give it a minute, not five seconds.
jest.setTimeout(60_000)
