import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {normalizeArgv} from '../../src/lib/argv.js'

describe('normalizeArgv', () => {
  it('moves global flags typed before the command behind it', () => {
    assert.deepEqual(normalizeArgv(['-s', 'nats://h:1', 'pub', 'x', 'hi']), ['pub', 'x', 'hi', '-s', 'nats://h:1'])
    assert.deepEqual(normalizeArgv(['--context', 'edge', 'stream', 'ls']), ['stream', 'ls', '--context', 'edge'])
    assert.deepEqual(normalizeArgv(['--server=nats://h:1', '--no-context', 'sub', 'x']), ['sub', 'x', '--server=nats://h:1', '--no-context'])
  })

  it('leaves flags after the command alone', () => {
    assert.deepEqual(normalizeArgv(['pub', 'x', 'hi', '-s', 'nats://h:1']), ['pub', 'x', 'hi', '-s', 'nats://h:1'])
  })

  it('keeps hoisted flags before a -- separator', () => {
    assert.deepEqual(normalizeArgv(['-s', 'u', 'pub', 'x', '--', '-body']), ['pub', 'x', '-s', 'u', '--', '-body'])
  })

  it('gives a bare --embedded the default broker name', () => {
    assert.deepEqual(normalizeArgv(['--embedded', 'pub', 'x']), ['pub', 'x', '--embedded=local'])
    assert.deepEqual(normalizeArgv(['pub', 'x', '--embedded']), ['pub', 'x', '--embedded=local'])
    assert.deepEqual(normalizeArgv(['pub', 'x', '--embedded=edge']), ['pub', 'x', '--embedded=edge'])
  })
})
