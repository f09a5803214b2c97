// Masking for lists, logs and exports: the first 3 and last 4 characters stay, the rest become *.

/** `110101199003071234` → `110***********1234`; `13812341234` → `138****1234`. */
export function maskMiddle(value: string): string {
  if (value.length <= 7) return '*'.repeat(value.length)
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4)
}

export const maskIdNumber = maskMiddle
export const maskMobile = maskMiddle
