// natscli's publish, subscribe, reply and context examples (cli/cheats/publish.md, subscribe.md, reply.md,
// context.md and the README's), run as natscli-cheats.test.ts runs the others: as written, against a real
// JetStream server, with only names adjusted (said in each note).
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {cheatBed, type Example} from './natscli-cheats-support.js'

const bed = cheatBed(async (tb) => {
  await tb.jsm.streams.add({name: 'JSOUT', subjects: ['js.out.>']})
  // context edit's editor: one that changes nothing, as a script would set it (there is no terminal here).
  delete tb.home.env.VISUAL
  tb.home.env.EDITOR = 'true'
})
const {publish, run} = bed
const tb = () => bed.tb()

// cli/cheats/publish.md, subscribe.md, reply.md
const MESSAGING: Example[] = [
  {args: ['pub', 'destination.subject', '{{ Random 100 1000 }}', '-H', 'Count:{{ Count }}', '--count', '100']},
  {args: ['pub', 'destination.subject'], input: 'hello world\n'},
  {args: ['pub', '--force-stdin', 'destination.subject'], input: 'hello world\n'},
  {args: ['pub', 'destination.subject', '--send-on=newline'], input: 'one\ntwo\n'},
  {
    args: ['request', 'destination.subject', 'hello world', '-H', 'Content-type:text/plain', '--raw'],
    stdout: /^hello world$/m,
    note: 'answered by an echo service the test runs',
  },
  {args: ['sub', 'source.subject', '--queue', 'work', '--ack'], serves: {feed: publish('source.subject', 'queued'), shows: /queued/}},
  {args: ['sub', '--inbox'], serves: {ready: /Subscribing on _INBOX\./}},
  {args: ['sub', '--inbox', '--dump', 'archive'], serves: {ready: /Subscribing on _INBOX\./}, note: '/tmp/archive → archive'},
  {args: ['sub', 'subject', '--dump=-'], serves: {feed: publish('subject', 'dumped'), shows: /"Subject":"subject".*"Data":"ZHVtcGVk"/}},
  {args: ['sub', 'encoded.sub', '--translate', 'base64 -d'], serves: {feed: publish('encoded.sub', 'aGVsbG8='), shows: /hello/}},
  {
    args: ['reply', 'service.requests.>', '--command', 'echo service.sh {{2}}'],
    serves: {ready: /Listening on/, feed: () => tb().nc.request('service.requests.x.y', ''), shows: /Received/},
    note: 'service.sh → echo service.sh (nothing to run here)',
  },
  {
    args: ['reply', 'service.requests', 'Message {{Count}} @ {{Time}}'],
    serves: {ready: /Listening on/, feed: () => tb().nc.request('service.requests', ''), shows: /Received/},
  },
  {
    args: ['reply', 'service.requests', '--echo', '--sleep', '10'],
    serves: {ready: /Listening on/},
    note: 'no request sent: each reply waits 10s',
  },
]

// cli/cheats/context.md and the README's contexts (servers → the test's)
const CONTEXT: Example[] = [
  {args: ['context', 'add', 'development', '--server', '$URL']},
  {
    args: ['context', 'add', 'ngs', '--description', 'NGS Connection in Orders Account', '--creds', 'nsc://acme/orders/new'],
    note: 'natscli dropped --nsc: nsc:// goes in --creds',
  },
  {args: ['context', 'ls'], stdout: /development/},
  {args: ['context', 'info', 'development', '--json'], stdout: /"name": "development"/},
  {args: ['context', 'select'], code: 2, note: 'a picker: needs a terminal (the name is missing: a usage error)'},
  {args: ['pub', '--context', 'development', 'subject', 'body']},
  {args: ['context', 'add', 'localhost', '--description', 'Localhost']},
  {args: ['context', 'add', 'nats', '--server', '$URL', '--description', 'NATS Demo', '--select']},
  {args: ['ctx', 'ls'], stdout: /nats\*/},
  {args: ['ctx', 'select', 'localhost']},
  {args: ['ctx', '--', '-'], stdout: /NATS Configuration Context "nats"/},
  {args: ['context', 'select', 'localhost']},
  {args: ['context', 'select', 'nats']},
  {
    args: ['context', 'edit', 'development'],
    stdout: /NATS Configuration Context "development"/,
    note: 'EDITOR=true: an editor that changes nothing (no terminal here)',
  },
  {
    args: ['context', 'validate', '--connect'],
    code: 1,
    stdout: /Context "development"\n(.*\n)* +Connection: OK/,
    note: 'exit 1: "ngs" names nsc://acme/orders/new and there is no nsc here; "development" connects',
  },
]

// README.md: messaging
const README: Example[] = [
  {args: ['sub', 'cli.demo'], serves: {feed: publish('cli.demo', 'hello world'), shows: /hello world/}},
  {args: ['pub', 'cli.demo', 'hello world']},
  {args: ['pub', 'cli.demo', 'message {{.Count}} @ {{.TimeStamp}}', '--count=5']},
  {args: ['pub', 'cli.demo', 'hello headers', '-H', 'Header1:One', '-H', 'Header2:Two']},
  {args: ['sub', '--match-replies', 'cli.demo'], serves: {feed: publish('cli.demo', 'matched'), shows: /matched/}},
  {args: ['sub', 'js.out.testing', '--ack'], serves: {feed: () => tb().js.publish('js.out.testing', 'acked'), shows: /acked/}},
  {args: ['sub', 'cli.demo', '--queue=Q1'], serves: {feed: publish('cli.demo', 'grouped'), shows: /grouped/}},
  {
    args: ['reply', 'cli.weather.>', 'Weather Service'],
    serves: {ready: /Listening on/, feed: () => run(['request', 'cli.weather.london', '']).then((r) => assert.match(r.stdout, /Weather Service/))},
  },
  {
    args: ['reply', 'cli.weather.>', '--command', 'echo {{2}}: sunny'],
    serves: {
      ready: /Listening on/,
      feed: () => run(['request', 'cli.weather.{london,newyork}', '', '--raw']).then((r) => assert.equal(r.stdout, '{london,newyork}: sunny\n')),
    },
    note: 'curl -s wttr.in/{{2}}?format=3 → echo (no network here)',
  },
  {args: ['sub', '--translate', 'jq .', 'cli.json'], serves: {feed: publish('cli.json', '{"task":"demo","duration":60}'), shows: /"task": "demo"/}},
  {args: ['pub', 'cli.json', '{"task":"demo","duration":60}']},
  {args: ['sub', '--translate', 'xxd', 'cli.json'], serves: {feed: publish('cli.json', 'x'), shows: /00000000/}},
  {
    args: ['sub', '--translate', "sed 's/\\(.*\\)/{{Subject}}: \\1/'", 'cli.json'],
    serves: {feed: publish('cli.json', 'payload'), shows: /cli\.json: payload/},
  },
]

const SKIPPED: Array<[string, string]> = [
  ['nats sub ORDERS.new --next', 'natscli has no sub --next any more (stale cheat)'],
  ['nats sub ">" --report-subjects --report-top=20', 'no sub --report-subjects'],
  ['nats latency, nats event, nats schema, nats server password', 'no such commands'],
]

describe("natscli's messaging and context examples run unchanged", () => {
  let echo: {unsubscribe(): void} | undefined
  before(() => {
    // The responder publish.md's request example talks to.
    echo = tb().nc.subscribe('destination.subject', {
      callback: (_e, m) => {
        m.respond(m.data)
      },
    })
  })
  after(() => echo?.unsubscribe())
  bed.tables('cheats and README', [
    ['publish.md, subscribe.md, reply.md', MESSAGING],
    ['context.md and the README', CONTEXT],
    ['README messaging', README],
  ])
})

describe('natscli examples natsctl has no command for', () => {
  for (const [line, why] of SKIPPED) it(line, {skip: why}, () => {})
})
