// The certificate's name masking: the first and last characters stay.
import { maskName } from '../../src/pages/certificate/mask-name'

describe('maskName', () => {
  test.each([
    ['王秀兰', '王*兰'],
    ['王兰', '王*'],
    ['欧阳秀兰', '欧**兰'],
    ['司马相如之', '司***之'],
    ['李', '*'],
    ['  王秀兰 ', '王*兰'],
    ['阿依古丽·买买提', '阿***·**提'],
    ['𠮷祥', '𠮷*'],
    ['张𠮷兰', '张*兰'],
    ['', ''],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })

  test('hides every character but the first and last, whatever the length', () => {
    for (let n = 3; n <= 12; n += 1) {
      const masked = maskName('张'.repeat(n))
      expect(Array.from(masked)).toHaveLength(n)
      expect(masked.startsWith('张')).toBe(true)
      expect(masked.endsWith('张')).toBe(true)
      expect(masked.slice(1, -1)).toBe('*'.repeat(n - 2))
    }
  })
})
