// Baseline for item 4: the smallest program that does what `natsctl stream info STREAM --json --server URL` does.
import {jetstreamManager} from '@nats-io/jetstream'
import {connect} from '@nats-io/transport-node'

const nc = await connect({servers: process.argv[2]})
const jsm = await jetstreamManager(nc)
console.log(JSON.stringify(await jsm.streams.info(process.argv[3])))
await nc.drain()
