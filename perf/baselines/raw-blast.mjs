// The server's ceiling for one connection: PUB frames written to a plain TCP socket as fast as the socket
// takes them (no client library), then PING and wait for PONG, so every message was processed. Prints
// {msgs_per_sec}.
import net from 'node:net'

const [url, msgsText, sizeText] = process.argv.slice(2)
const {hostname, port} = new URL(url)
const msgs = Number(msgsText)
const size = Number(sizeText)
const frame = Buffer.concat([Buffer.from(`PUB perf.raw ${size}\r\n`), Buffer.alloc(size, 97), Buffer.from('\r\n')])
const perBlock = Math.max(1, Math.floor(65_536 / frame.length))
const block = Buffer.alloc(frame.length * perBlock)
for (let i = 0; i < perBlock; i++) frame.copy(block, i * frame.length)

const socket = net.connect(Number(port), hostname)
let received = ''
const waitFor = (text) =>
  new Promise((resolve) => {
    const check = () => received.includes(text) && (socket.off('data', onData), resolve())
    const onData = (d) => {
      received += d.toString('latin1')
      check()
    }
    socket.on('data', onData)
    check()
  })
await waitFor('INFO')
socket.write('CONNECT {"verbose":false,"pedantic":false,"lang":"raw","version":"0"}\r\nPING\r\n')
await waitFor('PONG')
received = ''
const start = performance.now()
let sent = 0
while (sent < msgs) {
  const k = Math.min(perBlock, msgs - sent)
  const ok = socket.write(k === perBlock ? block : block.subarray(0, k * frame.length))
  sent += k
  if (!ok) await new Promise((resolve) => socket.once('drain', resolve))
}
socket.write('PING\r\n')
await waitFor('PONG')
const seconds = (performance.now() - start) / 1000
socket.destroy()
console.log(JSON.stringify({msgs_per_sec: Math.round(msgs / seconds)}))
