// Terminal detection in one place, so "is anyone there to answer a prompt?" has one answer.

/** A person can answer prompts: stdin and stdout are terminals (natscli's rule). */
export function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY)
}

/** Progress bars and redrawn lines go to stderr, and only when it is a terminal. */
export function stderrIsTerminal(): boolean {
  return Boolean(process.stderr.isTTY)
}
