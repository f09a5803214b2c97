// The BigInt that weapp code sees (config/index.ts provides it in place of the global through
// webpack's ProvidePlugin). zod 4 calls BigInt() while it loads, for the bounds of its int64/uint64
// formats; on a phone without BigInt (iOS before 14) that load threw "BigInt is not defined" and took
// every page that validates with it. Where the engine has BigInt, this is BigInt itself. Where it has
// not, it is a stand-in that returns a Number (exact only up to 2^53): enough for zod to load, and
// nothing in this app makes a bigint schema. Read through globalThis by name, so this file does not
// provide itself.
var root = typeof globalThis === 'object' && globalThis ? globalThis : undefined
var native = root && typeof root['BigInt'] === 'function' ? root['BigInt'] : undefined

function BigIntUnavailable(value) {
  var number = Number(value)
  if (number !== number) throw new TypeError('BigInt is not available on this phone: cannot convert ' + String(value))
  return number
}

module.exports = native || BigIntUnavailable
