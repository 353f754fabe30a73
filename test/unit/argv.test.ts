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

  it("expands natscli's topic aliases, and `context -` to `context previous`", () => {
    assert.deepEqual(normalizeArgv(['s', 'ls']), ['stream', 'ls'])
    assert.deepEqual(normalizeArgv(['-s', 'nats://h:1', 'str', 'info', 'X']), ['stream', 'info', 'X', '-s', 'nats://h:1'])
    assert.deepEqual(normalizeArgv(['ctx', 'select', 'prod']), ['context', 'select', 'prod'])
    assert.deepEqual(normalizeArgv(['ctx', '-']), ['context', 'previous'])
    // natscli's README: `nats ctx -- -`
    assert.deepEqual(normalizeArgv(['ctx', '--', '-']), ['context', 'previous'])
    assert.deepEqual(normalizeArgv(['context', '--', '-', '--json']), ['context', 'previous', '--json'])
    assert.deepEqual(normalizeArgv(['pub', '--', '-x']), ['pub', '--', '-x'])
    assert.deepEqual(normalizeArgv(['context', '-']), ['context', 'previous'])
    assert.deepEqual(normalizeArgv(['obj', 'ls']), ['object', 'ls'])
    assert.deepEqual(normalizeArgv(['con', 'ls', 'S']), ['consumer', 'ls', 'S'])
    // Only the first word is a topic: a subject called "s" stays a subject.
    assert.deepEqual(normalizeArgv(['pub', 's', 'hi']), ['pub', 's', 'hi'])
  })

  it('takes -j for --json, but not after -- or as the value of a flag', () => {
    assert.deepEqual(normalizeArgv(['stream', 'ls', '-j']), ['stream', 'ls', '--json'])
    assert.deepEqual(normalizeArgv(['-j', 'stream', 'ls']), ['stream', 'ls', '--json'])
    assert.deepEqual(normalizeArgv(['pub', 'x', '--', '-j']), ['pub', 'x', '--', '-j'])
    assert.deepEqual(normalizeArgv(['stream', 'ls', '--context', '-j']), ['stream', 'ls', '--context', '-j'])
  })
})
