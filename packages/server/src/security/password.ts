import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

// scrypt with N=2^15, r=8: 32 MiB of memory per hash (OWASP's recommended minimum for scrypt),
// about 50–100 ms on a server core. The parameters are stored in each hash so they can be raised
// later without invalidating existing passwords.
const COST = 2 ** 15
const BLOCK_SIZE = 8
const PARALLELISM = 1
const KEY_LENGTH = 32
const SALT_BYTES = 16

function derive(password: string, salt: Buffer, n: number, r: number, p: number, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128·N·r bytes, or Node refuses the parameters.
    scrypt(password.normalize('NFC'), salt, length, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

/** Hashes a password for storage: `scrypt$N$r$p$salt$hash` (base64url). Runs off the event loop. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, COST, BLOCK_SIZE, PARALLELISM, KEY_LENGTH)
  return ['scrypt', COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$')
}

// Verifying against this when the user does not exist costs the same time as a real check, so the
// response time does not reveal which usernames exist.
let dummyHash: Promise<string> | null = null

/**
 * True when `password` matches `stored`. Compares in constant time; a null or malformed `stored`
 * still spends a full hash's time and returns false.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = stored?.split('$') ?? []
  const [scheme, n, r, p, salt, hash] = parts
  if (parts.length !== 6 || scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) {
    dummyHash ??= hashPassword('tether-dummy-password')
    await verifyPassword(password, await dummyHash)
    return false
  }
  const expected = Buffer.from(hash, 'base64url')
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    Number(n),
    Number(r),
    Number(p),
    expected.length,
  )
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
