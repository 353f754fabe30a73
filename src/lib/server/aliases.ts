// natscli's `server` topic also answers to srv, sys and system. oclif has no topic aliases, so each command
// carries hidden aliases for them (`srv ls`, `sys report jetstream`...), out of the help.

const TOPICS = ['srv', 'sys', 'system']

/** Hidden aliases under srv/sys/system for a command's id words (`ls`, or `report:jetstream`) and its other names. */
export function topicAliases(...ids: string[]): string[] {
  return TOPICS.flatMap((topic) => ids.map((id) => `${topic}:${id}`))
}
