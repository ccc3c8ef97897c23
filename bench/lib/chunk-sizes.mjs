// Gzipped sizes of the browser app's lazily loaded chunks (protocols, payload decoders), after `npm run build`.
//   node bench/lib/chunk-sizes.mjs msgpack cbor protobuf     prints what each chunk adds, gzipped level 9
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

/**
 * Gzipped bytes each named chunk adds to the app: the chunk and the chunks it imports statically, minus
 * what the page loads anyway (the entry chunk and everything it imports statically). A chunk is found by
 * its file name's prefix (`socket.io` → `socket-io-<hash>.js`). Null when the app is not built.
 */
export function addedChunkSizes(names) {
  const assets = fileURLToPath(new URL('../../packages/react/dist-app/assets/', import.meta.url))
  let files
  try {
    files = readdirSync(assets).filter((file) => file.endsWith('.js'))
  } catch {
    return null
  }
  const gz = (file) => gzipSync(readFileSync(join(assets, file)), { level: 9 }).length
  const staticImports = (file) =>
    [...readFileSync(join(assets, file), 'utf8').matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)].map((m) => m[1])
  const closure = (file, seen = new Set()) => {
    if (seen.has(file)) return seen
    seen.add(file)
    for (const dependency of staticImports(file)) closure(dependency, seen)
    return seen
  }
  const entry = files.find((file) => /^index-[\w-]+\.js$/.test(file))
  if (entry === undefined) return null
  const page = closure(entry)
  const chunkOf = (name) => files.find((file) => file.startsWith(`${name.replace('.', '-')}-`))
  const added = (file) =>
    [...closure(file)].filter((chunk) => !page.has(chunk)).reduce((sum, chunk) => sum + gz(chunk), 0)
  return {
    main: [...page].reduce((sum, chunk) => sum + gz(chunk), 0),
    chunks: names.map((name) => ({ name, bytes: chunkOf(name) ? added(chunkOf(name)) : null })),
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = addedChunkSizes(process.argv.slice(2))
  if (sizes === null) console.log('Not built: run `npm run build` first.')
  else
    for (const { name, bytes } of sizes.chunks)
      console.log(`${name}\t${bytes === null ? '—' : `${(bytes / 1024).toFixed(1)} KiB`}`)
}
