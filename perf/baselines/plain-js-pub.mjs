// Baseline for the JetStream publish row: js.publish() in windows of BATCH promises (Promise.all), the
// pattern CLIENT-NOTES measured fastest for the client, with noAsyncTraces. Prints {msgs_per_sec}.
import {jetstream} from '@nats-io/jetstream'
import {connect} from '@nats-io/transport-node'

const [url, subject, msgsText, sizeText, batchText] = process.argv.slice(2)
const msgs = Number(msgsText)
const batch = Number(batchText)
const payload = new Uint8Array(Number(sizeText))
const nc = await connect({servers: url, noAsyncTraces: true})
const js = jetstream(nc)
const start = performance.now()
for (let sent = 0; sent < msgs; sent += batch) {
  const n = Math.min(batch, msgs - sent)
  await Promise.all(Array.from({length: n}, () => js.publish(subject, payload)))
}
const seconds = (performance.now() - start) / 1000
await nc.drain()
console.log(JSON.stringify({msgs_per_sec: Math.round(msgs / seconds)}))
