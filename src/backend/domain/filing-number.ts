// Filing numbers people can read aloud: `YD` + the filing date + 6 characters without 0/O/1/I/L/U.
import { randomBytes } from 'node:crypto'
import type { CalendarDate } from '../../rules'

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'
/** Bytes at or above this are skipped, so that every character is equally likely (240 = 8 × 30). */
const UNBIASED_BELOW = 256 - (256 % ALPHABET.length)

// Random bytes drawn a few thousand at a time: one small draw per filing costs more than the rest of
// making its number.
let pool = Buffer.alloc(0)
let next = 0

function randomByte(): number {
  if (next === pool.length) {
    pool = randomBytes(4096)
    next = 0
  }
  return pool[next++]
}

/** ~29 bits of randomness per day: a clash with an earlier number is reported by the store (`number_taken`) and submit draws again. */
export function newFilingNumber(filedOn: CalendarDate): string {
  let suffix = ''
  while (suffix.length < 6) {
    const byte = randomByte()
    if (byte < UNBIASED_BELOW) suffix += ALPHABET[byte % ALPHABET.length]
  }
  return `YD${filedOn.replace(/-/g, '')}-${suffix}`
}
