// Progress bars need a terminal: tmux gives bench one, and we read the screen.

import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {makeHome, type TestHome} from '../helpers/cli.js'
import {startServer, type TestServer} from '../helpers/nats-server.js'
import {TmuxCli} from '../helpers/tmux.js'

let server: TestServer
let home: TestHome

before(async () => {
  server = await startServer({jetstream: false})
  home = makeHome()
})

after(async () => {
  await server?.stop()
  home?.cleanup()
})

describe('bench progress bars', () => {
  it('draws one bar per client on a terminal', async () => {
    const cli = new TmuxCli(['bench', 'pub', 'b.tty', '--msgs', '200000', '--clients', '2', '--server', server.url], home.env)
    try {
      const {code, screen} = await cli.exit()
      assert.equal(code, 0, screen)
      assert.match(screen, /^\[1\] Finished +[\d.]+s \[=+>\] 100%$/m)
      assert.match(screen, /^\[2\] Finished +[\d.]+s \[=+>\] 100%$/m)
      assert.match(screen, /NATS Core NATS publisher aggregated stats/)
    } finally {
      cli.kill()
    }
  })

  it('--no-progress draws none', async () => {
    const cli = new TmuxCli(['bench', 'pub', 'b.tty', '--msgs', '200000', '--clients', '2', '--no-progress', '--server', server.url], home.env)
    try {
      const {code, screen} = await cli.exit()
      assert.equal(code, 0, screen)
      assert.doesNotMatch(screen, /Finished|Publishing/)
      assert.match(screen, /NATS Core NATS publisher aggregated stats/)
    } finally {
      cli.kill()
    }
  })
})
