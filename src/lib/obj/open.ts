// Opening object store buckets: the name rules and the "not found" lines for objects and buckets.

import type {ObjectStore, Objm} from '@nats-io/obj'

import {type NatsctlError, notFound, UsageError} from '../errors.js'

export const OBJ_PREFIX = 'OBJ_'

export function checkObjectBucketName(bucket: string): void {
  if (!/^[-\w]+$/.test(bucket)) throw new UsageError(`invalid bucket name "${bucket}": use letters, digits, - and _`)
}

function objectBucketNotFound(bucket: string, cause?: unknown): NatsctlError {
  return notFound({bucket}, {cause})
}

export function objectNotFound(bucket: string, name: string): NatsctlError {
  return notFound({bucket, object: name})
}

export async function openObjectStore(objm: Objm, bucket: string): Promise<ObjectStore> {
  checkObjectBucketName(bucket)
  try {
    return await objm.open(bucket)
  } catch (error) {
    if (error instanceof Error && /object store not found|stream not found/.test(error.message)) throw objectBucketNotFound(bucket, error)
    throw error
  }
}
