// `reply` against a real nats-server, run as a subprocess; requests are made from the test with the client
// library once the CLI has said "Listening on" (printed after the server registered the subscription).

import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {headers, type Msg, type NatsConnection} from '@nats-io/transport-node'

import {type RunningCli, startCli, type TestHome} from '../helpers/cli.js'
import {type CoreTestbed, startCoreTestbed} from '../helpers/core.js'
import type {TestServer} from '../helpers/nats-server.js'

let testbed: CoreTestbed
let server: TestServer
let home: TestHome
let nc: NatsConnection
const running: RunningCli[] = []

function reply(args: string[]): RunningCli {
  const cli = startCli(['reply', '-s', server.url, ...args], {env: home.env, timeoutMs: 40_000})
  running.push(cli)
  return cli
}

async function listening(cli: RunningCli): Promise<void> {
  await cli.waitFor('Listening on', 'stderr')
}

function request(subject: string, body: string, h?: ReturnType<typeof headers>): Promise<Msg> {
  return nc.request(subject, body, {timeout: 10_000, ...(h ? {headers: h} : {})})
}

async function stop(cli: RunningCli) {
  cli.kill('SIGINT')
  const result = await cli.done
  assert.equal(result.code, 0, result.stderr)
  return result
}

describe('reply', () => {
  before(async () => {
    testbed = await startCoreTestbed()
    ;({server, home, nc} = testbed)
  })
  after(async () => {
    for (const cli of running) cli.kill('SIGKILL')
    await testbed?.close()
  })

  it('echoes the request body and headers by default, adding NATS-Reply-Counter', async () => {
    const cli = reply(['echo.svc'])
    await listening(cli)
    assert.match(cli.stderr(), /No body or command supplied, enabling echo mode/)
    assert.match(cli.stderr(), /Listening on "echo\.svc" in group "NATS-RPLY-22"/)
    const h = headers()
    h.set('X-Trace', 'abc')
    const first = await request('echo.svc', 'hello echo', h)
    assert.equal(first.string(), 'hello echo')
    assert.equal(first.headers?.get('X-Trace'), 'abc')
    assert.equal(first.headers?.get('NATS-Reply-Counter'), '0')
    const second = await request('echo.svc', 'again')
    assert.equal(second.headers?.get('NATS-Reply-Counter'), '1')
    const result = await stop(cli)
    assert.match(result.stderr, /\[#0\] Received on subject "echo\.svc"\nX-Trace: abc\n/)
    assert.match(result.stdout, /hello echo/)
  })

  it('--echo with -H adds the given headers too', async () => {
    const cli = reply(['echoh.svc', '--echo', '-H', 'X-Served-By:natsctl-{{Count}}'])
    await listening(cli)
    const answer = await request('echoh.svc', 'x')
    assert.equal(answer.string(), 'x')
    assert.equal(answer.headers?.get('X-Served-By'), 'natsctl-0')
    await stop(cli)
  })

  it('-H before the BODY leaves the body as the argument (the header flag is not greedy)', async () => {
    const cli = reply(['hb.svc', '-H', 'X-Kind:greeting', 'hello there'])
    await listening(cli)
    const answer = await request('hb.svc', 'x')
    assert.equal(answer.string(), 'hello there')
    assert.equal(answer.headers?.get('X-Kind'), 'greeting')
    await stop(cli)
  })

  it('fills {{Count}} (from 0) and {{Request}} in the body', async () => {
    const cli = reply(['tpl.svc', 'reply {{Count}} to {{Request}}'])
    await listening(cli)
    assert.equal((await request('tpl.svc', 'alice')).string(), 'reply 0 to alice')
    assert.equal((await request('tpl.svc', 'bob')).string(), 'reply 1 to bob')
    await stop(cli)
  })

  it('--command runs per request with subject tokens and the request in its environment', async () => {
    const cli = reply(['cmd.>', '--command', 'echo "{{0}}/{{1}}/{{2}} $NATS_REQUEST_SUBJECT $NATS_REQUEST_BODY {{Request}}"'])
    await listening(cli)
    const answer = await request('cmd.weather.london', 'hi there')
    assert.equal(answer.string(), 'cmd/weather/london cmd.weather.london hi there hi there\n')
    await stop(cli)
  })

  it('never runs what a requester puts in the subject or body, bare or inside quotes', async () => {
    const cli = reply(['inj.>', '--command', `printf '%s|' {{1}} "x{{1}}" '{{1}}' {{Request}}`])
    await listening(cli)
    // eslint-disable-next-line no-template-curly-in-string -- a shell expansion, on purpose
    const token = '$(echo${IFS}pwned)`id`'
    const answer = await request(`inj.${token}`, "it's $(id) `id`")
    assert.equal(answer.string(), `${token}|x${token}|${token}|it's $(id) \`id\`|`)
    await stop(cli)
  })

  it('a failing --command answers with its stderr and NATS-Reply-Error, and the replier keeps serving', async () => {
    const cli = reply([
      'fail.svc',
      '--command',
      'if [ "$NATS_REQUEST_BODY" = fail ]; then echo "it broke" >&2; exit 2; fi; printf "ok %s" "$NATS_REQUEST_BODY"',
    ])
    await listening(cli)
    const failed = await request('fail.svc', 'fail')
    assert.equal(failed.string().trim(), 'it broke')
    assert.equal(failed.headers?.get('NATS-Reply-Error'), 'exit status 2')
    const ok = await request('fail.svc', 'fine')
    assert.equal(ok.string(), 'ok fine')
    assert.equal(ok.headers?.get('NATS-Reply-Error') ?? '', '')
    const result = await stop(cli)
    assert.match(result.stderr, /command failed \(exit status 2\): it broke/)
  })

  it('repliers share requests in the default queue group NATS-RPLY-22', async () => {
    const a = reply(['shared.svc', 'from a'])
    const b = reply(['shared.svc', 'from b'])
    await Promise.all([listening(a), listening(b)])
    const total = 40
    const answers = await Promise.all(Array.from({length: total}, (_, i) => request('shared.svc', `r${i}`)))
    const fromA = answers.filter((m) => m.string() === 'from a').length
    const fromB = answers.filter((m) => m.string() === 'from b').length
    assert.equal(fromA + fromB, total)
    const [ra, rb] = await Promise.all([stop(a), stop(b)])
    const seenA = (ra.stderr.match(/Received on subject/g) ?? []).length
    const seenB = (rb.stderr.match(/Received on subject/g) ?? []).length
    // Without a shared group each replier would receive every request.
    assert.equal(seenA + seenB, total)
    assert.ok(seenA > 0 && seenB > 0, `both repliers served: ${seenA} / ${seenB}`)
  })

  it('--queue puts repliers in the given group: different groups each get every request', async () => {
    const a = reply(['groups.svc', 'a', '--queue', 'one'])
    const b = reply(['groups.svc', 'b', '-q', 'two'])
    await Promise.all([listening(a), listening(b)])
    assert.match(a.stderr(), /in group "one"/)
    for (let i = 0; i < 5; i++) await request('groups.svc', `r${i}`)
    await nc.flush()
    await a.waitFor(/\[#4\] Received/, 'stderr')
    await b.waitFor(/\[#4\] Received/, 'stderr')
    await Promise.all([stop(a), stop(b)])
  })

  it('--count N exits 0 after N replies', async () => {
    const cli = reply(['count.svc', 'counted', '--count', '2'])
    await listening(cli)
    assert.equal((await request('count.svc', '1')).string(), 'counted')
    assert.equal((await request('count.svc', '2')).string(), 'counted')
    const result = await cli.done
    assert.equal(result.code, 0, result.stderr)
    await assert.rejects(request('count.svc', '3'), (error: Error) => /no responders/i.test(error.message))
  })

  it('SIGINT while a slow --command runs still answers that request, then exits 0', async () => {
    const cli = reply(['slow.svc', '--command', 'sleep 1; echo done with $NATS_REQUEST_BODY'])
    await listening(cli)
    const pending = request('slow.svc', 'job-1')
    await cli.waitFor('Received on subject "slow.svc"', 'stderr')
    cli.kill('SIGINT')
    const answer = await pending
    assert.equal(answer.string(), 'done with job-1\n')
    const result = await cli.done
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stderr, /Draining/)
  })

  it('SIGTERM during --sleep answers the requests already received, in order', async () => {
    const cli = reply(['sleepy.svc', 'answer {{Count}}', '--sleep', '400ms'])
    await listening(cli)
    const pending = [request('sleepy.svc', 'a'), request('sleepy.svc', 'b'), request('sleepy.svc', 'c')]
    await nc.flush()
    await cli.waitFor('Received on subject "sleepy.svc"', 'stderr')
    cli.kill('SIGTERM')
    const answers = await Promise.all(pending)
    assert.deepEqual(
      answers.map((m) => m.string()),
      ['answer 0', 'answer 1', 'answer 2'],
    )
    const result = await cli.done
    assert.equal(result.code, 0, result.stderr)
  })

  it('past 1000 waiting requests, a slow replier answers the oldest at once with an overload error', async () => {
    const cli = reply(['busy.svc', '--command', 'sleep 2; echo slow'])
    await listening(cli)
    const inbox = `_INBOX.busy.${Date.now()}`
    const errors: string[] = []
    let plain = 0
    const sub = nc.subscribe(inbox, {
      callback(_, m) {
        const why = m.headers?.get('NATS-Reply-Error')
        if (why) errors.push(why)
        else plain++
      },
    })
    for (let i = 0; i < 1100; i++) nc.publish('busy.svc', String(i), {reply: inbox})
    await nc.flush()
    // About 100 are shed at once, leaving 1000 waiting (the oldest go, whether the first one was already
    // being answered or still queued); a request it keeps is answered after the command's 2 s.
    const deadline = Date.now() + 15_000
    const seenBoth = () => errors.length >= 90 && plain >= 1 // both counted by the subscription's callback
    while (!seenBoth() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
    sub.unsubscribe()
    cli.kill('SIGKILL')
    assert.ok(errors.length >= 90 && errors.length <= 110, `${errors.length} overload replies`)
    assert.match(errors[0], /overloaded \(1000 requests waiting\)/)
    assert.ok(plain >= 1, 'a request kept was answered')
    await cli.waitFor('overloaded:', 'stderr').catch(() => {})
    assert.match(cli.stderr(), /overloaded: \d+ requests answered with an error so far/)
  })

  it('--json writes each request as one JSON line on stdout', async () => {
    const cli = reply(['json.svc', 'ok', '--json'])
    await listening(cli)
    const h = headers()
    h.set('X-J', '1')
    await request('json.svc', 'first', h)
    await request('json.svc', 'second')
    const result = await stop(cli)
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    assert.deepEqual(
      lines.map((l) => [l.subject, l.data]),
      [
        ['json.svc', 'first'],
        ['json.svc', 'second'],
      ],
    )
    assert.deepEqual(lines[0].headers, {'X-J': ['1']})
    assert.match(lines[0].reply as string, /^_INBOX\./)
  })

  it('refuses a body together with --command', async () => {
    const result = await startCli(['reply', '-s', server.url, 'x', 'body', '--command', 'true'], {env: home.env}).done
    assert.equal(result.code, 2)
    assert.match(result.stderr, /^natsctl: error: give a body, --echo or --command/)
  })
})
