// Baseline for item 6: list every stream's info with the JetStream manager, as a script would.
import {jetstreamManager} from '@nats-io/jetstream'
import {connect} from '@nats-io/transport-node'

const nc = await connect({servers: process.argv[2]})
const jsm = await jetstreamManager(nc)
let n = 0
for await (const info of jsm.streams.list()) {
  if (info.config.name) n++
}
await nc.drain()
console.log(JSON.stringify({streams: n}))
