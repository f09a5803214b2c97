// The policy profiles, as data: pages show their rules and the wizard reads them.
import { profiles } from '../../../rules'

export async function policies(): Promise<{ profiles: typeof profiles }> {
  return { profiles }
}
