// consumer add and info on a real terminal (tmux): natscli's questions in its order with its defaults, every
// answer reaching the consumer's configuration on the server, and the stream and consumer pickers.
import assert from 'node:assert/strict'
import {after, afterEach, before, describe, it} from 'node:test'

import type {JetStreamManager} from '@nats-io/jetstream'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'
import {TmuxCli} from '../../helpers/tmux.js'

const S = 1_000_000_000

describe('consumer prompts on a terminal', () => {
  let testbed: JetStreamTestbed
  let jsm: JetStreamManager
  let term: TmuxCli | undefined
  const run = (...args: string[]) => {
    term = new TmuxCli([...args, '--server', testbed.server.url], testbed.home.env)
    return term
  }
  /**
   * Waits for the question, checks natscli's default is shown with it, then types. (The label is waited for
   * without its default: once answered the line redraws shorter, which would hide the next question from
   * TmuxCli's position-based wait.)
   */
  const ask = async (t: TmuxCli, label: string, shownDefault: string, ...keys: Array<string | {text: string}>) => {
    await t.waitFor(label)
    assert.ok(t.screen().includes(`${label} (${shownDefault})`), `"${label}" shows the default ${shownDefault}:\n${t.screen()}`)
    await t.answer('', ...keys)
  }

  before(async () => {
    testbed = await startJetStreamTestbed()
    jsm = testbed.jsm
    await jsm.streams.add({name: 'PR', subjects: ['pr.>']})
    for (let i = 0; i < 3; i++) await testbed.js.publish('pr.a', `m${i}`)
  })
  afterEach(() => term?.kill())
  after(() => testbed?.close())

  it('a pull consumer: picks the stream, asks every value in natscli order, applies the answers', async () => {
    const t = run('consumer', 'add')
    await t.answer('Select a Stream', 'Enter')
    await t.answer('Consumer name', {text: 'ASKED'}, 'Enter')
    await t.answer('Delivery target (empty for Pull Consumers)', 'Enter')
    await ask(t, 'Start policy (all, new, last, subject, 1h, msg sequence)', 'all', {text: '2'}, 'Enter')
    await t.answer('Acknowledgment policy', 'Enter') // explicit, the default for pull consumers
    await t.answer('Replay policy', 'Enter')
    await t.answer('Filter Stream by subjects (blank for all)', {text: 'pr.a'}, 'Enter')
    await ask(t, 'Maximum Allowed Deliveries', '-1', {text: '5'}, 'Enter')
    await ask(t, 'Maximum Acknowledgments Pending', '0', {text: '20'}, 'Enter')
    await t.answer('Deliver headers only without bodies (y/N)', 'Enter')
    await t.answer('Add a Retry Backoff Policy (y/N)', {text: 'y'}, 'Enter')
    await t.answer('Backoff policy', 'Up', 'Enter') // from the default none up to linear
    await ask(t, 'Minimum retry time', '1m', {text: '1s'}, 'Enter')
    await ask(t, 'Maximum retry time', '10m', {text: '10s'}, 'Enter')
    await ask(t, 'Number of steps to generate in the policy', '20', {text: '3'}, 'Enter')
    const {code, screen} = await t.exit()
    assert.equal(code, 0, screen)
    assert.match(screen, /Information for Consumer PR > ASKED created/)
    const c = (await jsm.consumers.info('PR', 'ASKED')).config
    assert.equal(c.deliver_subject, undefined)
    assert.equal(c.deliver_policy, 'by_start_sequence')
    assert.equal(c.opt_start_seq, 2)
    assert.equal(c.ack_policy, 'explicit')
    assert.equal(c.replay_policy, 'instant')
    assert.equal(c.filter_subject, 'pr.a')
    assert.equal(c.max_deliver, 5)
    assert.equal(c.max_ack_pending, 20)
    assert.deepEqual(c.backoff, [S, 4 * S, 7 * S])
  })

  it('a push consumer: queue group, heartbeat and flow control questions; acks default to none', async () => {
    const t = run('consumer', 'add', 'PR', 'PUSHED', '--deliver', 'new', '--replay', 'instant', '--filter', 'pr.a')
    await t.answer('Delivery target (empty for Pull Consumers)', {text: 'out.pushed'}, 'Enter')
    await t.answer('Delivery Queue Group', 'Enter')
    await t.answer('Acknowledgment policy', 'Enter')
    await ask(t, 'Idle Heartbeat', '0s', {text: '2s'}, 'Enter')
    await t.answer('Enable Flow Control, ie --flow-control (y/N)', {text: 'y'}, 'Enter')
    await t.answer('Deliver headers only without bodies (y/N)', {text: 'y'}, 'Enter')
    const {code, screen} = await t.exit()
    assert.equal(code, 0, screen)
    assert.ok(!screen.includes('Start policy') && !screen.includes('Maximum Allowed Deliveries') && !screen.includes('Retry Backoff'), screen)
    const c = (await jsm.consumers.info('PR', 'PUSHED')).config
    assert.equal(c.deliver_subject, 'out.pushed')
    assert.equal(c.ack_policy, 'none')
    assert.equal(c.idle_heartbeat, 2 * S)
    assert.equal(c.flow_control, true)
    assert.equal(c.headers_only, true)
  })

  it('consumer info picks the consumer when the name is missing', async () => {
    await jsm.consumers.add('PR', {ack_policy: 'none' as never, durable_name: 'AAA_FIRST'})
    const t = run('consumer', 'info', 'PR')
    await t.answer('Select a Consumer', 'Enter')
    const {code, screen} = await t.exit()
    assert.equal(code, 0, screen)
    assert.match(screen, /Information for Consumer PR > AAA_FIRST created/)
  })
})
