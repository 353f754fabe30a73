// Prompts over @inquirer/prompts, loaded only when a prompt is actually shown. With no terminal, asking is
// an error that says which flag answers the question: nothing ever waits on a prompt nobody can answer.

import {UsageError} from '../errors.js'
import {isInteractive} from './terminal.js'

/** No terminal to ask on: the answer was missing from the command line, so it is a usage error (exit 2). */
function requireTerminal(question: string, hint?: string): void {
  if (!isInteractive()) {
    throw new UsageError(`cannot prompt for "${question}" without a terminal${hint ? `: ${hint}` : ''}`)
  }
}

interface AskOptions {
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

/** A validator for input(): a whole number of at least `min`. */
export function validInteger(min: number): (value: string) => boolean | string {
  return (value: string) => (/^-?\d+$/.test(value.trim()) && Number(value) >= min ? true : `enter a whole number ${min} or more`)
}

/** A validator for input() from a parser that throws (parseDuration, parseSize): its message is the hint. */
export function validWith(parse: (value: string) => unknown): (value: string) => boolean | string {
  return (value: string) => {
    try {
      parse(value)
      return true
    } catch (error) {
      return (error as Error).message
    }
  }
}
