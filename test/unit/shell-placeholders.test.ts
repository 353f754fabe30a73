// --command / --translate placeholders are delivered as given wherever the shell lets a value stand, and
// refused at start where it cannot (issue 15, item 21). Run through the real /bin/sh.

import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {compileShellTemplate, runShell} from '../../src/lib/messaging/shell.js'

const VALUE = `a'b"c $(id) \`id\` \\n $HOME * {x} ; | end`

async function output(command: string): Promise<string> {
  const expand = compileShellTemplate<string>(command, () => (v) => v)
  const {command: line, env} = expand(VALUE)
  const result = await runShell(line, {env})
  assert.equal(result.code, 0, `${line}\n${result.stderr.toString()}`)
  return result.stdout.toString()
}

describe('shell placeholders', () => {
  const cases: Array<[string, string]> = [
    ['bare', `printf '%s' {{1}}`],
    ['double quotes', `printf '%s' "{{1}}"`],
    ['inside double quotes', `printf '%s' "<{{1}}>"`],
    ['single quotes', `printf '%s' '<{{1}}>'`],
    ['command substitution in double quotes', `printf '%s' "$(printf %s '{{1}}')"`],
    ['double quotes in command substitution', `printf '%s' "$(printf %s "{{1}}")"`],
    ['nested command substitution', `printf '%s' "$(printf %s "$(printf %s '{{1}}')")"`],
    ['heredoc', `cat <<EOF\n<{{1}}>\nEOF`],
    ['heredoc with tabs', `cat <<-EOF\n\t<{{1}}>\n\tEOF`],
    ['heredoc with a command substitution', `cat <<EOF\n$(printf %s '<{{1}}>')\nEOF`],
    ['text after a heredoc', `cat <<EOF\nx\nEOF\nprintf '%s' '{{1}}'`],
  ]
  for (const [name, command] of cases) {
    it(`delivers the value as given: ${name}`, async () => {
      const text = await output(command)
      const want = (command.includes('\nx\n') ? 'x\n' : '') + (command.includes('<{{') ? `<${VALUE}>` : VALUE)
      assert.equal(text.replace(/\n$/, ''), want.replace(/\n$/, ''))
    })
  }

  it('a placeholder in a comment is left alone', async () => {
    assert.equal(await output(`printf ok # {{1}}`), 'ok')
  })

  const refused: Array<[string, string, RegExp]> = [
    ['ANSI-C quotes', `printf '%s' $'{{1}}'`, /\$'\.\.\.'/],
    ['backticks', 'printf %s `echo {{1}}`', /backticks/],
    ['parameter expansion', `printf '%s' "\${X:-{{1}}}"`, /\$\{\.\.\.\}/],
    ['arithmetic', `echo $(( {{1}} + 1 ))`, /\$\(\(/],
    ['quoted heredoc', `cat <<'EOF'\n{{1}}\nEOF`, /quoted delimiter/],
  ]
  for (const [name, command, pattern] of refused) {
    it(`refuses a placeholder where no value can stand: ${name}`, () => {
      assert.throws(
        () => compileShellTemplate<string>(command, () => (v) => v),
        (error: Error & {exitCode?: number}) => pattern.test(error.message) && error.exitCode === 2,
      )
    })
  }
})
