// Baseline for item 4: the smallest program that does what `natsctl request SUBJ hi --server URL` does.
import {connect} from '@nats-io/transport-node'

const nc = await connect({servers: process.argv[2]})
const reply = await nc.request(process.argv[3], 'hi', {timeout: 5000})
console.log(reply.string())
await nc.drain()
