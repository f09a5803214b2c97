export * from './documents'
export * from './contact'
export * from './mask'
