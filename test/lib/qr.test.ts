// The QR helper: the matrix uqr makes for a filing number, read back by an independent decoder
// (jsQR, dev only) from a bitmap drawn the way the certificate page draws it — runs of dark modules
// and a 4-module quiet zone.
import jsQR from 'jsqr'
import { QUIET_ZONE, moduleSize, qrMatrix, qrRuns, type QrMatrix } from '../../src/lib/qr'

const NUMBER = 'YD20260110-7KQ2MX'

/** An RGBA bitmap of the symbol, `scale` px per module, drawn from the runs (as the page does). */
function draw(qr: QrMatrix, scale: number, quiet = QUIET_ZONE): { data: Uint8ClampedArray; width: number } {
  const width = (qr.size + 2 * quiet) * scale
  const data = new Uint8ClampedArray(width * width * 4).fill(255)
  qr.modules.forEach((row, y) => {
    for (const run of qrRuns(row)) {
      if (!run.dark) continue
      for (let py = (y + quiet) * scale; py < (y + quiet + 1) * scale; py += 1) {
        for (let px = (run.start + quiet) * scale; px < (run.start + quiet + run.length) * scale; px += 1) {
          const at = (py * width + px) * 4
          data[at] = data[at + 1] = data[at + 2] = 0
        }
      }
    }
  })
  return { data, width }
}

/** The 7×7 finder pattern whose top-left module is (row, column): ring, light ring, 3×3 core. */
function isFinder(modules: boolean[][], row: number, column: number): boolean {
  for (let dy = 0; dy < 7; dy += 1) {
    for (let dx = 0; dx < 7; dx += 1) {
      const ring = Math.max(Math.abs(dy - 3), Math.abs(dx - 3))
      const dark = ring !== 2
      if (modules[row + dy][column + dx] !== dark) return false
    }
  }
  return true
}

describe('qrMatrix', () => {
  test('a filing number is a version 1 symbol: 21 × 21 modules', () => {
    const qr = qrMatrix(NUMBER)
    expect(qr.version).toBe(1)
    expect(qr.size).toBe(21)
    expect(qr.modules).toHaveLength(21)
    qr.modules.forEach((row) => expect(row).toHaveLength(21))
  })

  test('the size follows the version (17 + 4v) as the text grows', () => {
    for (const text of ['A', NUMBER, `${NUMBER}-${NUMBER}`, 'x'.repeat(200)]) {
      const qr = qrMatrix(text)
      expect(qr.size).toBe(17 + 4 * qr.version)
      expect(qr.modules.every((row) => row.length === qr.size)).toBe(true)
    }
    expect(qrMatrix('x'.repeat(200)).version).toBeGreaterThan(qrMatrix(NUMBER).version)
  })

  test('finder patterns sit in three corners, separated by light modules, and not in the fourth', () => {
    const { modules, size } = qrMatrix(NUMBER)
    expect(isFinder(modules, 0, 0)).toBe(true)
    expect(isFinder(modules, 0, size - 7)).toBe(true)
    expect(isFinder(modules, size - 7, 0)).toBe(true)
    expect(isFinder(modules, size - 7, size - 7)).toBe(false)
    // The separator: the row under the top-left finder and the column right of it are light.
    for (let i = 0; i < 8; i += 1) {
      expect(modules[7][i]).toBe(false)
      expect(modules[i][7]).toBe(false)
    }
    // Timing pattern between the top finders: alternating, dark on even columns.
    for (let column = 8; column < size - 8; column += 1) expect(modules[6][column]).toBe(column % 2 === 0)
  })

  test('is the same every time for the same text (a certificate does not change between visits)', () => {
    expect(qrMatrix(NUMBER)).toEqual(qrMatrix(NUMBER))
  })

  test('decodes back to the filing number, drawn with its quiet zone', () => {
    const qr = qrMatrix(NUMBER)
    const { data, width } = draw(qr, 8)
    const read = jsQR(data, width, width, { inversionAttempts: 'dontInvert' })
    expect(read?.data).toBe(NUMBER)
    expect(read?.version).toBe(qr.version)
  })

  test('decodes back for other numbers and longer text too', () => {
    for (const text of ['YD20251231-ABCDEF', 'YD20260229-2345ZZ', '异地就医备案 YD20260110-7KQ2MX']) {
      const { data, width } = draw(qrMatrix(text), 6)
      expect(jsQR(data, width, width)?.data).toBe(text)
    }
  })

  test('refuses empty text', () => {
    expect(() => qrMatrix('')).toThrow(RangeError)
  })
})

describe('qrRuns', () => {
  test('splits a row into runs that cover it exactly once, alternating colours', () => {
    const row = [true, true, false, true, false, false, false, true]
    expect(qrRuns(row)).toEqual([
      { dark: true, start: 0, length: 2 },
      { dark: false, start: 2, length: 1 },
      { dark: true, start: 3, length: 1 },
      { dark: false, start: 4, length: 3 },
      { dark: true, start: 7, length: 1 },
    ])
    const { modules } = qrMatrix(NUMBER)
    for (const line of modules) {
      const runs = qrRuns(line)
      expect(runs.reduce((sum, run) => sum + run.length, 0)).toBe(line.length)
      runs.forEach((run, i) => i > 0 && expect(run.dark).not.toBe(runs[i - 1].dark))
    }
  })

  test('an empty row has no runs', () => {
    expect(qrRuns([])).toEqual([])
  })
})

describe('moduleSize', () => {
  test('whole pixels, the symbol with its quiet zone at least 200 px for a filing number', () => {
    const { size } = qrMatrix(NUMBER)
    const px = moduleSize(size, 240)
    expect(Number.isInteger(px)).toBe(true)
    expect((size + 2 * QUIET_ZONE) * px).toBeGreaterThanOrEqual(200)
    expect((size + 2 * QUIET_ZONE) * px).toBeLessThanOrEqual(240)
  })

  test('never below the minimum for a large symbol', () => {
    expect(moduleSize(177, 240)).toBe(3)
  })
})
