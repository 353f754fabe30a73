// TEMPORARY until the embedded broker lands (issue 3): the embedded default points at the natscli default
// server. The broker module replaces this file with the real start-or-adopt logic.

import type {LoadedContext} from '../contexts.js'
import {DEFAULT_SERVER} from '../target.js'

export interface EnsureBrokerOptions {
  status: (message: string) => void
}

export async function ensureBroker(name: string, _options: EnsureBrokerOptions): Promise<LoadedContext> {
  return {name, path: '', settings: {url: DEFAULT_SERVER}}
}
