// A plain responder for the request benchmarks (the same for natsctl and the baseline): answers every
// request on the subject with the request's payload. Prints "ready" once subscribed; runs until SIGTERM.
import {connect} from '@nats-io/transport-node'

const [url, subject] = process.argv.slice(2)
const nc = await connect({servers: url, noAsyncTraces: true})
nc.subscribe(subject, {callback: (_err, msg) => msg.respond(msg.data)})
await nc.flush()
console.log('ready')
process.on('SIGTERM', () => {
  nc.drain()
    .catch(() => {})
    .finally(() => process.exit(0))
})
