// Baseline for item 1: the NATS client's own publish() per message in a plain loop, as an application
// would write it. Mode "yield" gives the event loop a turn every 10,000 messages (the fastest plain loop we
// found, ~1.2 M msgs/s at 128 B here); mode "flush" awaits a flush every 1,000 messages. Both end with a
// flush the server answered, like natsctl bench. Prints {msgs_per_sec}.
import {connect} from '@nats-io/transport-node'

const [url, msgsText, sizeText, mode = 'yield'] = process.argv.slice(2)
const msgs = Number(msgsText)
const payload = new Uint8Array(Number(sizeText))
const nc = await connect({servers: url, noAsyncTraces: true})
const start = performance.now()
for (let i = 1; i <= msgs; i++) {
  nc.publish('perf.plain', payload)
  if (mode === 'flush' && i % 1000 === 0) await nc.flush()
  if (mode === 'yield' && i % 10_000 === 0) await new Promise((resolve) => setImmediate(resolve))
}
await nc.flush()
const seconds = (performance.now() - start) / 1000
await nc.close()
console.log(JSON.stringify({msgs_per_sec: Math.round(msgs / seconds)}))
