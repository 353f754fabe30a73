// The README's CI smoke test, run as it stands: the script between the `ci-smoke-test` marker's fences, with
// `natsctl` on PATH, a free port and a fresh home. It must exit 0 and leave one well-formed JUnit report
// with a passing testcase per check; and the same script fails (exit 1, a <failure>) when the service is wrong.

import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {chmodSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'

import {BIN, makeHome, ROOT, runCli} from '../../../helpers/cli.js'
import {parseXml} from '../../../helpers/formats.js'
import {freePort} from '../../../helpers/nats-server.js'

function readmeScript(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const match = /<!-- ci-smoke-test -->\n```sh\n([\s\S]*?)```/.exec(readme)
  assert.ok(match, 'README has the ci-smoke-test block')
  return match[1]
}

function runScript(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', script], {cwd, env, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({code, stdout, stderr})
    })
  })
}

describe('README CI smoke test', () => {
  const home = makeHome()
  const bin = join(home.dir, 'bin')
  mkdirSync(bin)
  writeFileSync(join(bin, 'natsctl'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`)
  chmodSync(join(bin, 'natsctl'), 0o755)
  const work = join(home.dir, 'work')
  mkdirSync(work)

  after(async () => {
    await runCli(['broker', 'stop', '--all'], {env: home.env})
    home.cleanup()
  })

  it('passes against a healthy service and writes one JUnit report', async () => {
    const port = await freePort()
    const r = await runScript(readmeScript(), work, {...home.env, PATH: `${bin}:${process.env.PATH}`, PORT: String(port)})
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`)
    const suite = parseXml(readFileSync(join(work, 'checks.xml'), 'utf8')).children[0]
    assert.equal(suite.name, 'testsuite')
    assert.deepEqual(
      {tests: suite.attributes.tests, failures: suite.attributes.failures, errors: suite.attributes.errors},
      {tests: '3', failures: '0', errors: '0'},
    )
    assert.deepEqual(
      suite.children.map((t) => t.attributes.name),
      ['connections Connection', 'request svc.echo', 'jetstream JetStream'],
    )
    // The broker is gone: nothing answers on its port.
    const after = await runCli(['server', 'check', 'connection', '--server', `nats://127.0.0.1:${port}`], {env: home.env})
    assert.equal(after.code, 2)
  })

  it('fails the job with a <failure> when the service answers wrongly', async () => {
    const port = await freePort()
    // The same script with a service that answers something else.
    const script = readmeScript().replace('natsctl reply svc.echo --context ci', 'natsctl reply svc.echo pong --context ci')
    const r = await runScript(script, work, {...home.env, PATH: `${bin}:${process.env.PATH}`, PORT: String(port)})
    assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`)
    assert.match(r.stderr, /CRITICAL svc\.echo Crit:response does not match regexp/)
    const suite = parseXml(readFileSync(join(work, 'checks.xml'), 'utf8')).children[0]
    assert.equal(suite.attributes.tests, '3')
    assert.equal(suite.attributes.failures, '1')
    const failed = suite.children.find((t) => t.attributes.name === 'request svc.echo')!
    assert.equal(failed.children[0].name, 'failure')
  })
})
