// The key-value and object clients read through ordered push consumers (watch, history, keys, object list)
// and only stop them: the server keeps each for five minutes of inactivity. Delete it when done, so a
// script that runs `kv history` in a loop does not pile up consumers on the bucket's stream.

export async function release(iter: {stop(): void}): Promise<void> {
  iter.stop()
  const consumer = (iter as {_data?: {delete?: () => Promise<unknown>}})._data
  await consumer?.delete?.().catch(() => {})
}
