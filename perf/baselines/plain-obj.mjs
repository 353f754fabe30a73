// Baseline for item 9: an object put or get of a file with the @nats-io/obj client, as a script would write
// it (the file streamed in through a web stream, the object streamed out to a file), with the client's
// native SHA-256 switched on (its JavaScript default is slower).
//   node plain-obj.mjs URL BUCKET put FILE NAME | get NAME FILE
import {createReadStream, createWriteStream} from 'node:fs'
import {Readable} from 'node:stream'
import {pipeline} from 'node:stream/promises'

import {Objm, setSha256Backend} from '@nats-io/obj'
import {connect} from '@nats-io/transport-node'

const [url, bucket, mode, a, b] = process.argv.slice(2)
setSha256Backend('native')
const nc = await connect({servers: url})
const os = await new Objm(nc).open(bucket)
const started = performance.now()
let size
if (mode === 'put') {
  const info = await os.put({name: b}, Readable.toWeb(createReadStream(a)))
  size = info.size
} else {
  const result = await os.get(a)
  await pipeline(Readable.fromWeb(result.data), createWriteStream(b))
  const error = await result.error
  if (error) throw error
  size = result.info.size
}
const seconds = (performance.now() - started) / 1000
await nc.drain()
console.log(JSON.stringify({bytes: size, seconds}))
