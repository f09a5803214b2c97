// The rules' zod-free core: the profiles and vocabularies as data, calendar-date arithmetic, the
// filing states and lifecycle, and what a profile says about a category. The main package's pages
// import this, never the full entry (index.ts), so the mini-program's main package carries no zod,
// no schemas and no region list; index.ts re-exports all of it. test/pages/main-package.test.ts
// keeps zod out of what the main package imports.
export * from './categories'
export * from './dates'
export * from './vocabulary'
export * from './profiles'
export * from './engine/filing'
export * from './engine/lifecycle'
export * from './engine/category'
export * from './engine/guide'
export * from './engine/agency'
export * from './privacy'
export * from './retention'
