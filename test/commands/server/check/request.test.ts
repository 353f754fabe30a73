// `server check request`: a request's reply checked against a regular expression, headers and a response time.
// Each verdict follows the thresholds given, with the data set up through the client (see bed.ts).
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {checkBed} from './bed.js'

const {app, json} = checkBed()

describe('server check request', () => {
  it('request: OK when the reply matches; CRITICAL (2) when it does not or nobody answers', async () => {
    const ok = await app('request', '--subject', 'svc.ping', '--payload', 'ping', '--match-payload', '^pong$', '--match-headers', 'X-Service:pinger')
    assert.equal(ok.code, 0, ok.stdout + ok.stderr)
    assert.match(ok.stdout, /^OK svc\.ping OK:Valid response \| time=\d+\.\d{4}s\n$/)
    const wrongPayload = await app('request', '--subject', 'svc.ping', '--payload', 'hello', '--match-payload', '^pong$')
    assert.equal(wrongPayload.code, 2)
    assert.match(wrongPayload.stdout, /^CRITICAL svc\.ping Crit:response does not match regexp/)
    const wrongHeader = await app('request', '--subject', 'svc.ping', '--payload', 'ping', '--match-headers', 'X-Service:other')
    assert.equal(wrongHeader.code, 2)
    assert.match(wrongHeader.stdout, /Crit:invalid header "X-Service" = "pinger"/)
    const nobody = await app('request', '--subject', 'svc.nobody', '--json')
    assert.equal(nobody.code, 2)
    assert.match(json(nobody.stdout).critical![0], /could not send request: no responders/)
    // A response-warn below any real time: WARNING (1).
    const slow = await app('request', '--subject', 'svc.ping', '--payload', 'ping', '--response-warn', '1ns')
    assert.equal(slow.code, 1, slow.stdout)
    assert.match(slow.stdout, /^WARNING svc\.ping Warn:response took/)
  })
})
