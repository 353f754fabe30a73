// Entry point of a benchmark client running in a worker thread. The main thread passes plain data (the
// client spec, the resolved Target, the shared counters' buffers); the connection options are rebuilt here
// with connectionOptions(), since authenticators are functions and cannot cross threads.
// Messages: worker -> main {type: 'ready'} then {type: 'result', result}; main -> worker {type: 'go'|'stop'}.

import {parentPort, workerData} from 'node:worker_threads'

import type {Target} from '../target.js'
import type {ClientControl} from './client-loop.js'
import {runClient} from './clients.js'
import {type ClientSpec, sharedCounters} from './types.js'

interface WorkerInput {
  spec: ClientSpec
  target: Target
  progress: SharedArrayBuffer
  total: SharedArrayBuffer
}

const input = workerData as WorkerInput
const port = parentPort!
let go!: () => void
let stop!: () => void
let stopped = false
const control: ClientControl = {
  go: new Promise<void>((resolve) => (go = resolve)),
  stop: new Promise<void>((resolve) => (stop = resolve)),
  isStopped: () => stopped,
  ready: (error?: string) => port.postMessage({type: 'ready', error}),
}
port.on('message', (message: {type: string}) => {
  if (message.type === 'go') go()
  if (message.type === 'stop') {
    stopped = true
    stop()
    go()
  }
})

const result = await runClient(input.spec, input.target, sharedCounters(0, {progress: input.progress, total: input.total}), control)
port.postMessage({type: 'result', result})
port.close()
