// Baseline for item 4: the smallest program that does what `natsctl kv get BUCKET KEY --server URL` does.
import {Kvm} from '@nats-io/kv'
import {connect} from '@nats-io/transport-node'

const nc = await connect({servers: process.argv[2]})
const kv = await new Kvm(nc).open(process.argv[3])
const entry = await kv.get(process.argv[4])
console.log(entry?.string())
await nc.drain()
