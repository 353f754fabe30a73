// oclif fills a missing optional argument from a piped stdin unless told not to; the base command turns
// that off for every command. Without it, `... | natsctl reply svc` would reply with stdin instead of echoing.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {type CoreTestbed, startCoreTestbed} from '../helpers/core.js'

describe('piped stdin never fills an optional argument', () => {
  let testbed: CoreTestbed

  before(async () => {
    testbed = await startCoreTestbed()
  })
  after(() => testbed?.close())

  it('reply with a piped stdin still echoes (stdin is not the BODY argument)', async () => {
    const replier = testbed.start(['reply', 'svc.stdin', '--count', '1'], {input: 'from stdin\n'})
    await replier.waitFor('Listening on "svc.stdin"', 'stderr')
    const answer = await testbed.nc.request('svc.stdin', 'ping', {timeout: 5000})
    assert.equal(answer.string(), 'ping')
    const result = await replier.done
    assert.equal(result.code, 0, result.stderr)
  })
})
