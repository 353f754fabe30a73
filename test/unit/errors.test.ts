import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {toNatsctlError} from '../../src/lib/errors.js'

const reset = () => Object.assign(new Error('read ECONNRESET'), {code: 'ECONNRESET'})
const servers = ['tls://127.0.0.1:4443']

describe('TLS errors', () => {
  // The e2e TLS test sees this only when the reset wins the race with the server's alert (TLS 1.3).
  it('a reset after the handshake, with TLS and no client certificate, is the server refusing the missing certificate', () => {
    const error = toNatsctlError(reset(), {servers, tls: {clientCert: false, first: false}})
    assert.match(error.message, /^TLS handshake failed to tls:\/\/127\.0\.0\.1:4443: the server refused the client certificate \(none was given.*check --tlscert and --tlskey$/)
  })

  it('a reset is left as it is when a client certificate was given or TLS was not used', () => {
    assert.equal(toNatsctlError(reset(), {servers, tls: {clientCert: true, first: false}}).message, 'read ECONNRESET')
    assert.equal(toNatsctlError(reset(), {servers}).message, 'read ECONNRESET')
  })
})
