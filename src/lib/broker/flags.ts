// The flags `broker run` and `broker start` share. Only oclif here: command files import this at the top.

import {Args, Flags} from '../oclif.js'

export const brokerNameArg = {
  name: Args.string({default: 'local', description: 'broker name (also the name of its context)'}),
}

export const brokerFlags = {
  cluster: Flags.integer({description: 'run N nodes clustered on loopback with JetStream (for replicas)', min: 1}),
  jetstream: Flags.boolean({allowNo: true, default: true, description: 'enable JetStream'}),
  // Replaces the global --js-domain: here it is the domain the broker serves, not one a client talks to.
  'js-domain': Flags.string({aliases: ['domain'], description: 'JetStream domain of the broker'}),
  'leafnode-creds': Flags.string({description: 'credentials file for the leafnode remotes'}),
  'leafnode-port': Flags.integer({description: 'accept leafnode connections on this port'}),
  'leafnode-remote': Flags.string({
    description: 'connect to a hub as a leafnode: nats-leaf://host:port or tls://host:port (repeatable)',
    multiple: true,
    multipleNonGreedy: true,
  }),
  listen: Flags.string({default: '127.0.0.1', description: 'address to listen on; any but loopback generates a user and password'}),
  'max-memory': Flags.string({description: 'JetStream memory store limit, like 512MiB'}),
  'max-store': Flags.string({description: 'JetStream file store limit, like 10GiB'}),
  monitor: Flags.integer({description: 'HTTP monitoring port'}),
  port: Flags.integer({description: 'client port [default: 4222 when free, else a random free port]'}),
  select: Flags.boolean({description: "select the broker's context"}),
  'server-name': Flags.string({description: 'server name [default: the broker name]'}),
  'store-dir': Flags.string({description: 'JetStream store directory [default: $XDG_DATA_HOME/natsctl/NAME]'}),
}
