import type { Handler } from '../../router'
import { cancel } from './cancel'
import { change } from './change'
import { checkCoverage } from './check-coverage'
import { consent } from './consent'
import { get } from './get'
import { identity } from './identity'
import { mine } from './mine'
import { myData } from './my-data'
import { policies } from './policies'
import { preview } from './preview'
import { proofLink } from './proof'
import { submit } from './submit'
import { supplement } from './supplement'
import { verifyIdentity } from './verify-identity'

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
