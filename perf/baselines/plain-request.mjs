// Baseline for item 3: sequential nc.request() calls, each timed; percentiles from the sorted samples.
// Prints {p50_us, p99_us}.
import {connect} from '@nats-io/transport-node'

const [url, subject, msgsText, sizeText] = process.argv.slice(2)
const msgs = Number(msgsText)
const payload = new Uint8Array(Number(sizeText))
const nc = await connect({servers: url, noAsyncTraces: true})
const samples = new Float64Array(msgs)
for (let i = 0; i < msgs; i++) {
  const t0 = performance.now()
  await nc.request(subject, payload, {timeout: 5000})
  samples[i] = (performance.now() - t0) * 1000
}
await nc.drain()
samples.sort()
const at = (p) => samples[Math.min(msgs - 1, Math.ceil((p / 100) * msgs) - 1)]
console.log(JSON.stringify({p50_us: Number(at(50).toFixed(2)), p99_us: Number(at(99).toFixed(2))}))
