// oclif's init hook: runs once its config (plugins, manifests, command ids) is loaded, before the command.
import {restoreLocaleCompare} from '../lib/id-collation.js'

export default async function init(): Promise<void> {
  restoreLocaleCompare()
}
