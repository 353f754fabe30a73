// What every `server check` shares: exit 3 (UNKNOWN) for a bad flag, and the prometheus, junit and text
// formats (junit collects several checks in one file).
// Each verdict follows the thresholds given, with the data set up through the client (see bed.ts).
import assert from 'node:assert/strict'
import {existsSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {parsePrometheusText, parseXml} from '../../../helpers/formats.js'
import {checkBed} from './bed.js'

const {app, dir} = checkBed()

describe('server check output formats and exit codes', () => {
  it('a bad flag or a missing required flag exits 3 (UNKNOWN), never 2 (CRITICAL)', async () => {
    const bad = await app('request', '--subject', 'svc.ping', '--response-warn', 'soon')
    assert.equal(bad.code, 3)
    assert.match(bad.stderr, /natsctl: error: invalid --response-warn "soon"/)
    assert.equal(bad.stdout, '')
    const missing = await app('stream')
    assert.equal(missing.code, 3)
    assert.match(missing.stderr, /Missing required flag stream/)
    const regexp = await app('request', '--subject', 'svc.ping', '--match-payload', '(')
    assert.equal(regexp.code, 3)
    assert.match(regexp.stderr, /invalid --match-payload/)
  })
  it('prometheus: a valid exposition, exit 0 whatever the status (natscli), atomically to --outfile', async () => {
    const r = await app('request', '--subject', 'svc.nobody', '--format', 'prometheus', '--namespace', 'ci')
    assert.equal(r.code, 0)
    const families = parsePrometheusText(r.stdout)
    const status = families.get('ci_request_status_code')!
    assert.deepEqual(status.samples[0].labels, {item: 'svc.nobody', status: 'CRITICAL'})
    assert.equal(status.samples[0].value, 2)
    assert.ok(families.has('ci_request_time'))
    const file = join(dir, 'nats.prom')
    const toFile = await app('jetstream', '--format', 'prometheus', '--outfile', file)
    assert.equal(toFile.code, 0, toFile.stderr)
    assert.equal(toFile.stdout, '')
    assert.match(toFile.stderr, /^OK JetStream/)
    assert.equal(statSync(file).mode & 0o777, 0o644)
    assert.ok(parsePrometheusText(readFileSync(file, 'utf8')).has('nats_server_check_jetstream_streams_pct'))
  })
  it('junit: one report collecting every check written to --outfile; failures for CRITICAL', async () => {
    const file = join(dir, 'checks.xml')
    const first = await app('request', '--subject', 'svc.ping', '--payload', 'ping', '--format', 'junit', '--outfile', file)
    assert.equal(first.code, 0, first.stderr)
    const second = await app('request', '--subject', 'svc.nobody', '--format', 'junit', '--outfile', file)
    assert.equal(second.code, 2)
    assert.match(second.stderr, /^CRITICAL svc\.nobody/)
    const third = await app('stream', '--stream', 'NOPE', '--format', 'junit', '--outfile', file)
    assert.equal(third.code, 2)
    const root = parseXml(readFileSync(file, 'utf8'))
    assert.equal(root.name, 'testsuites')
    assert.equal(root.children.length, 1)
    const suite = root.children[0]
    assert.equal(suite.attributes.tests, '3')
    assert.equal(suite.attributes.failures, '2')
    assert.deepEqual(
      suite.children.map((t) => t.attributes.name),
      ['request svc.ping', 'request svc.nobody', 'stream NOPE'],
    )
    assert.equal(
      suite.children[0].children.some((c) => c.name === 'failure'),
      false,
    )
    const failure = suite.children[2].children.find((c) => c.name === 'failure')!
    assert.equal(failure.attributes.type, 'CRITICAL')
    assert.match(failure.attributes.message, /stream "NOPE" not found/)
    // Another tool's report is left alone: UNKNOWN (3).
    const foreign = join(dir, 'foreign.xml')
    writeFileSync(foreign, '<testsuites><testsuite name="pytest" tests="0"/></testsuites>')
    const refused = await app('request', '--subject', 'svc.ping', '--format', 'junit', '--outfile', foreign)
    assert.equal(refused.code, 3)
    assert.match(refused.stderr, /is not a JUnit report natsctl wrote/)
    assert.equal(readFileSync(foreign, 'utf8'), '<testsuites><testsuite name="pytest" tests="0"/></testsuites>')
    assert.equal(existsSync(join(dir, `.foreign.xml.${process.pid}.tmp`)), false)
  })
  it('text: the status and tables for a person', async () => {
    const r = await app('request', '--subject', 'svc.ping', '--payload', 'ping', '--format', 'text')
    assert.equal(r.code, 0)
    assert.match(r.stdout, /^svc\.ping: OK\n/)
    assert.match(r.stdout, /Status Detail/)
    assert.match(r.stdout, /│ OK +│ Valid response +│/)
    assert.match(r.stdout, /Check Metrics/)
  })
})
