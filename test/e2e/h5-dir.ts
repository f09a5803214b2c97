import { isAbsolute, join } from 'node:path'

const ROOT = join(__dirname, '..', '..')

/** The H5 build the browser suite serves: dist/h5, or E2E_H5_DIR (relative to the project root). */
export function h5Dir(): string {
  const dir = process.env.E2E_H5_DIR
  if (!dir) return join(ROOT, 'dist', 'h5')
  return isAbsolute(dir) ? dir : join(ROOT, dir)
}
