// Baseline for item 4: the smallest program that does what `natsctl consumer info STREAM CONSUMER --json --server URL` does.
import {jetstreamManager} from '@nats-io/jetstream'
import {connect} from '@nats-io/transport-node'

const nc = await connect({servers: process.argv[2]})
const jsm = await jetstreamManager(nc)
console.log(JSON.stringify(await jsm.consumers.info(process.argv[3], process.argv[4])))
await nc.drain()
