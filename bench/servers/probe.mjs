// Loaded into every benchmarked server (imported by our baselines, `--import`ed into Tether's
// main.js) so the runner can ask, over the IPC channel, for memory after a full GC and CPU time.
// Run the server with `--expose-gc` or the heap figures include garbage.
if (process.send) {
  process.on('message', (message) => {
    if (message?.type !== 'bench:stats') return
    if (message.gc && typeof globalThis.gc === 'function') {
      // Two passes: the first can leave objects that only a second full collection frees.
      globalThis.gc()
      globalThis.gc()
    }
    process.send({
      type: 'bench:stats',
      id: message.id,
      memory: process.memoryUsage(),
      cpu: process.cpuUsage(),
      gcExposed: typeof globalThis.gc === 'function',
    })
  })
  // The channel must not keep a server alive once it has been asked to stop.
  process.channel?.unref()
}
