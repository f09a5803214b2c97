// ESLint (flat config), run by `npm run lint` and `npm test`. Type-aware for what only types can
// tell (a promise nobody awaits); the folder boundaries the README promises, as import rules.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/**
 * Imports a folder of src must not make: a relative path that climbs out (`../`, `../../`, …) into one
 * of `folders`. (A name below the importing folder, like rules/schemas/admin, is not matched.)
 */
const forbid = (folders, message, allowTypeImports = false) => ({
  regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`,
  message,
  allowTypeImports,
})
const TARO = { regex: '^@tarojs/', message: 'No Taro here: this code runs in the cloud too.' }

const UI = ['pages', 'admin', 'components', 'services']

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'cloudfunctions/**', 'bench/.data/**', 'bench/empty-app/**', 'test/.artifacts/**', '**/*.mjs', '**/*.js', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // `typeof import('./platform.h5')` is how a platform file proves it conforms (services/*.d.ts).
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/consistent-type-assertions': ['warn', { assertionStyle: 'as', objectLiteralTypeAssertions: 'allow-as-parameter' }],
      // tsc's noUnusedLocals/noUnusedParameters already say this, with the compiler's own exceptions.
      '@typescript-eslint/no-unused-vars': 'off',
      // `.d.ts` platform contracts and `declare` blocks need none of these.
      '@typescript-eslint/no-namespace': 'off',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Small files with one job (issue 15); the holiday calendar's data is a table, not code.
      'max-lines': ['error', { max: 500 }],
    },
  },
  {
    files: ['src/rules/calendar/holidays*.ts', 'src/rules/regions/*.ts'],
    rules: { 'max-lines': 'off' },
  },
  {
    files: ['src/rules/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['backend', 'cloud', ...UI], 'src/rules is pure: it imports nothing from backend, cloud, pages, admin, components or services.'),
            TARO,
          ],
        },
      ],
    },
  },
  {
    files: ['src/pages/**', 'src/components/**', 'src/services/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [forbid(['backend', 'cloud'], 'Pages reach the backend through the wire protocol: import its types only (import type).', true), forbid(['admin'], 'The person’s pages never import the back office.')] },
      ],
    },
  },
  {
    files: ['src/admin/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [forbid(['backend', 'cloud'], 'The back office reaches the backend through the wire protocol: import its types only (import type).', true), forbid(['pages'], 'The back office does not import the person’s pages: shared helpers live in src/lib or src/components.')] },
      ],
    },
  },
  {
    // Tests read replies as untyped JSON, and load cloud functions as WeChat does (require).
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/backend/**', 'src/cloud/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [forbid(UI, 'The backend never imports pages, the back office, components or client services.'), TARO] },
      ],
    },
  },
)
