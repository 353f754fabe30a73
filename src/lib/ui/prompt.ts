// Prompts over @inquirer/prompts, loaded only when a prompt is actually shown. With no terminal, asking is
// an error that says which flag answers the question: nothing ever waits on a prompt nobody can answer.

import {NatsctlError} from '../errors.js'
import {isInteractive} from './terminal.js'

function requireTerminal(question: string, hint?: string): void {
  if (!isInteractive()) {
    throw new NatsctlError(`cannot prompt for "${question}" without a terminal${hint ? `: ${hint}` : ''}`)
  }
}

export interface AskOptions {
  /** How to answer without a terminal, e.g. "pass --subjects". Shown in the no-terminal error. */
  hint?: string
}

export async function confirm(message: string, defaultValue: boolean, options: AskOptions = {}): Promise<boolean> {
  requireTerminal(message, options.hint)
  const {confirm: ask} = await import('@inquirer/prompts')
  return ask({default: defaultValue, message})
}

export async function input(
  message: string,
  options: AskOptions & {default?: string; validate?: (value: string) => boolean | string} = {},
): Promise<string> {
  requireTerminal(message, options.hint)
  const {input: ask} = await import('@inquirer/prompts')
  return ask({default: options.default, message, validate: options.validate})
}

export async function select<T extends string>(
  message: string,
  choices: Array<T | {name: string; value: T}>,
  options: AskOptions & {default?: T} = {},
): Promise<T> {
  requireTerminal(message, options.hint)
  const {select: ask} = await import('@inquirer/prompts')
  return ask<T>({
    choices: choices.map((c) => (typeof c === 'string' ? {name: c, value: c} : c)),
    default: options.default,
    message,
  })
}
