// What the bench command tests share: natscli's CSV columns, the JSON report, and a wait for a bench client
// to have subscribed (read from the server's monitoring endpoint: start the server with `monitor: true`).
import {setTimeout as sleep} from 'node:timers/promises'

export const CSV_HEADER = '#RunID,ClientID,MsgCount,MsgBytes,MsgsPerSec,BytesPerSec,DurationSecs'
export const CSV_LATENCY =
  'MinLatencyMicroSecs,AvgLatencyMicroSecs,MaxLatencyMicroSecs,P50LatencyMicroSecs,P90LatencyMicroSecs,P99LatencyMicroSecs,P99.9LatencyMicroSecs,StdDevLatencyMicroSecs'

export const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>

/** Waits until the server holds `count` subscriptions on `subject` (a bench client is ready). */
export async function waitForSubscriptions(monitorPort: number, subject: string, count = 1): Promise<void> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    const res = await fetch(`http://127.0.0.1:${monitorPort}/subsz?subs=1`)
    const body = (await res.json()) as {subscriptions_list?: Array<{subject: string}>}
    if ((body.subscriptions_list ?? []).filter((s) => s.subject === subject).length >= count) return
    await sleep(50)
  }
  throw new Error(`no subscriber on ${subject}`)
}
