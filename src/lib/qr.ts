// A QR code as data, for pages to draw with plain Views (no canvas: the same markup on weapp and H5).
//
// The encoding is uqr's (a port of Nayuki's QR Code generator: numeric / alphanumeric / byte
// segments, Reed–Solomon, the eight masks and their penalty rules). A filing number such as
// `YD20260110-7KQ2MX` is upper-case letters, digits and '-', so it goes in alphanumeric mode: a
// version 1 or 2 symbol at error-correction level M.
//
// `qrMatrix` returns the symbol without its quiet zone; the drawing adds the 4-module light margin
// the standard asks for (ISO/IEC 18004 §6.3.8) as padding, so the two cannot disagree.
import { encode } from 'uqr'

export type QrEcc = 'L' | 'M' | 'Q' | 'H'

export interface QrMatrix {
  /** 1–40. */
  version: number
  /** Modules per side: 17 + 4 × version. */
  size: number
  /** `modules[row][column]`: true is a dark module. */
  modules: boolean[][]
}

/** The light margin around the symbol, in modules. */
export const QUIET_ZONE = 4

export function qrMatrix(text: string, ecc: QrEcc = 'M'): QrMatrix {
  if (!text) throw new RangeError('qrMatrix: nothing to encode')
  // boostEcc: a higher level when it fits in the same version costs nothing and reads better when
  // the screen is scratched or the phone glares.
  const result = encode(text, { ecc, boostEcc: true, border: 0 })
  return { version: result.version, size: result.size, modules: result.data.map((row) => row.slice()) }
}

/** A stretch of modules of one colour in a row. */
export interface QrRun {
  dark: boolean
  /** The first module's column. */
  start: number
  length: number
}

/**
 * A row as runs of one colour: drawing a run as one View keeps the node count low (a version 2
 * symbol is ~300 Views instead of 625) and leaves no hairline seams between neighbouring modules.
 */
export function qrRuns(row: readonly boolean[]): QrRun[] {
  const runs: QrRun[] = []
  for (let column = 0; column < row.length; column += 1) {
    const last = runs[runs.length - 1]
    if (last && last.dark === row[column]) last.length += 1
    else runs.push({ dark: row[column], start: column, length: 1 })
  }
  return runs
}

/**
 * The module size in whole CSS px for a symbol of `size` modules (plus the quiet zone) to fill about
 * `target` px: whole pixels keep every module the same width, so the code stays sharp and scannable.
 */
export function moduleSize(size: number, target: number, min = 3): number {
  return Math.max(min, Math.floor(target / (size + 2 * QUIET_ZONE)))
}
