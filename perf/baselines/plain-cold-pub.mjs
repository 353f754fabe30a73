// Baseline for item 4: the smallest program that does what `natsctl pub SUBJ hi --server URL` does.
import {connect} from '@nats-io/transport-node'

const nc = await connect({servers: process.argv[2]})
nc.publish(process.argv[3], 'hi')
await nc.drain()
