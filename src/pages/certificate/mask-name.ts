// A name as the certificate shows it: enough for the counter to match it with the ID card, not
// enough to read it off a photo of the screen. The first and last characters stay, the rest become *.
//
//   王秀兰 → 王*兰    王兰 → 王*    欧阳秀兰 → 欧**兰    阿依古丽·买买提 → 阿***·**提
//
// Characters are Unicode code points (a rare-name character outside the BMP, e.g. 𠮷, is one
// character, not two halves), and the middle dot of a minority or foreign name stays where it is,
// so the name keeps its shape.
const DOTS = new Set(['·', '•', '・', '.'])

export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  const letters = chars.filter((char) => !DOTS.has(char)).length
  if (letters === 0) return ''
  if (letters === 1) return '*'
  // Two letters: only the family name stays (王兰 → 王*).
  const keepLast = letters > 2
  let seen = 0
  return chars
    .map((char) => {
      if (DOTS.has(char)) return char
      seen += 1
      if (seen === 1 || (keepLast && seen === letters)) return char
      return '*'
    })
    .join('')
}
