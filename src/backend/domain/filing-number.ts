// Filing numbers people can read aloud: `YD` + the filing date + 6 characters without 0/O/1/I/L/U.
import { randomBytes } from 'node:crypto'
import type { CalendarDate } from '../../rules'

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'

/** ~29 bits of randomness per day: a clash with an earlier number is reported by the store (`number_taken`) and submit draws again. */
export function newFilingNumber(filedOn: CalendarDate): string {
  const suffix = Array.from(randomBytes(6), (byte) => ALPHABET[byte % ALPHABET.length]).join('')
  return `YD${filedOn.replace(/-/g, '')}-${suffix}`
}
