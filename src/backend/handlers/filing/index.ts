import type { Handler } from '../../router'
import { cancel } from './cancel'
import { change } from './change'
import { checkCoverage, preview } from './coverage'
import { policies } from './policies'
import { proofLink } from './proof'
import { consent, identity, verifyIdentity } from './identity'
import { get, mine, myData } from './read'
import { submit } from './submit'
import { supplement } from './supplement'

export const filingHandlers: Record<string, Handler> = {
  policies,
  preview,
  submit,
  mine,
  get,
  change,
  cancel,
  supplement,
  checkCoverage,
  proofLink,
  identity,
  verifyIdentity,
  consent,
  myData,
}
