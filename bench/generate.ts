// Realistic filings for the back-office benchmark, made from the rules package's own data: the six
// policy profiles (which categories each takes, validity, staged or instant review, commitment or
// proofs), the real region list for destinations (checked against each profile's destination scope),
// resident ID numbers with their check character, and filing dates spread over 2019–2026 with more
// filings in later years. Deterministic: the same seed gives the same filings.
//
// Statuses follow the lifecycle: a filing under instant review is active at once (some are later
// cancelled); only a staged profile (辽宁省省直 long-term) has filings under review (recent ones),
// approved, or rejected. A tenth of commitment filings are picked for a check (抽查), due until staff
// check them a few weeks later. A temporary filing that ran out keeps the status `active` (expiry is a
// display state), as in the app.
import {
  addDays,
  checkCharacter,
  checkFilingDestination,
  findProfile,
  groupOf,
  listCities,
  listProvinces,
  profiles,
  resolveInsuredRegion,
  validUntil as endDateOf,
  type CalendarDate,
  type Category,
  type FiledCategoryRule,
  type FilingStatus,
  type HospitalLevel,
  type PolicyProfile,
} from '../src/rules'
import type { FilingRecord, HistoryEntry } from '../src/backend/domain/record'

/** A small, fast, seedable PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Rng = () => number

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]
}

/** Picks from `[item, weight]` pairs. */
function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0)
  let r = rng() * total
  for (const [item, w] of items) {
    r -= w
    if (r < 0) return item
  }
  return items[items.length - 1][0]
}

const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1))

// Surnames by rough frequency (王 李 张 刘 陈 lead), and given-name characters.
const SURNAMES: [string, number][] = [
  ['王', 72], ['李', 72], ['张', 68], ['刘', 54], ['陈', 46], ['杨', 32], ['黄', 24], ['赵', 23], ['吴', 21], ['周', 20],
  ['徐', 17], ['孙', 15], ['马', 15], ['朱', 14], ['胡', 13], ['郭', 12], ['何', 12], ['高', 11], ['林', 11], ['罗', 10],
  ['郑', 9], ['梁', 9], ['谢', 8], ['宋', 7], ['唐', 7], ['许', 7], ['韩', 7], ['冯', 6], ['邓', 6], ['曹', 6],
  ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['袁', 4], ['潘', 4], ['于', 4], ['蒋', 4], ['蔡', 4],
  ['余', 4], ['杜', 4], ['叶', 4], ['程', 4], ['苏', 3], ['魏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['沈', 3],
  ['欧阳', 1], ['司马', 0.3], ['诸葛', 0.2],
]
const GIVEN = '秀兰建国伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉珍志红文辉海燕春梅晓东玲萍凤琴云飞鹏宇浩然子涵欣怡俊斌宏亮光荣德福顺利'

function personName(rng: Rng): string {
  const surname = weighted(rng, SURNAMES)
  const given = rng() < 0.72 ? pick(rng, [...GIVEN]) + pick(rng, [...GIVEN]) : pick(rng, [...GIVEN])
  return surname + given
}

/** Where people go for care, by rough share (广东、海南、北京、上海 … lead). */
const PROVINCE_WEIGHTS: Record<string, number> = {
  '440000': 14, '460000': 9, '110000': 8, '310000': 7, '510000': 6, '320000': 6, '330000': 5, '500000': 5,
  '370000': 4, '210000': 3, '140000': 3, '120000': 3, '410000': 3, '420000': 3, '430000': 3, '350000': 3,
  '530000': 3, '450000': 2, '610000': 2, '130000': 2, '340000': 2, '360000': 1.5, '220000': 1, '230000': 1,
  '150000': 1, '520000': 1, '620000': 0.7, '640000': 0.4, '630000': 0.3, '650000': 1, '540000': 0.3, '660000': 0.2,
}

const PROFILE_WEIGHTS: Record<string, number> = {
  dazhou: 22,
  jining: 22,
  datong: 15,
  'shanxi-provincial': 13,
  'liaoning-provincial': 10,
  national: 18,
}

const CATEGORY_WEIGHTS: Record<Category, number> = {
  resettled_retiree: 26,
  long_term_resident: 16,
  resident_worker: 10,
  referral: 30,
  emergency: 0, // never filed (急诊抢救视同已备案)
  other_temporary: 18,
}

/** Share of filings per year filed (跨省异地就医 grew every year); 2026 runs to `today`. */
const YEAR_WEIGHTS: [number, number][] = [
  [2019, 5], [2020, 6], [2021, 9], [2022, 12], [2023, 15], [2024, 17], [2025, 20], [2026, 16],
]

const STAFF = ['staff-zhang', 'staff-li', 'staff-wang', 'staff-liu', 'staff-chen', 'staff-zhao']
const HOSPITALS = ['达州市中心医院', '济宁医学院附属医院', '大同市第三人民医院', '山西医科大学第一医院', '中国医科大学附属第一医院', '四川大学华西医院', '中山大学附属第一医院', '北京协和医院', '复旦大学附属华山医院', '浙江大学医学院附属第一医院']
const REJECTIONS = ['居住证明不清晰，请重新上传', '户口本本人页缺失', '工作证明未加盖公章', '申报表未签字']
const ADDRESSES = ['桃园路2号', '人民南路三段17号', '解放路88号', '建设大街126号', '中山路45号', '滨海大道1001号']
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'
const OPENID_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'

interface Destinations {
  /** [province, weight, cities with weights] */
  provinces: [string, number][]
  cities: Map<string, [string | undefined, number][]>
}

function destinations(): Destinations {
  const provinces: [string, number][] = []
  const cities = new Map<string, [string | undefined, number][]>()
  for (const province of listProvinces()) {
    provinces.push([province.code, PROVINCE_WEIGHTS[province.code] ?? 0.5])
    const list = listCities(province.code)
    // The capital (first city) draws the most, then a long tail.
    cities.set(
      province.code,
      province.fileToProvince || list.length === 0 ? [[undefined, 1]] : list.map((city, i) => [city.code, i === 0 ? 6 : i < 3 ? 2 : 1]),
    )
  }
  return { provinces, cities }
}

/** Every city code (for the national profile's insured region, named by the person). */
function insuredCities(): string[] {
  return listProvinces().flatMap((p) => (p.fileToProvince ? [p.code] : listCities(p.code).map((c) => c.code)))
}

export interface GeneratedFiling {
  filing: FilingRecord
  history: HistoryEntry[]
}

export interface GeneratorOptions {
  count: number
  /** The last filing day; filings run from 2019-01-01 to it. */
  today: CalendarDate
  seed?: number
}

function dayNumber(date: CalendarDate): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86_400_000
}

function dateOf(day: number): CalendarDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10)
}

/** A moment on `date` between 08:00 and 20:00 China time, as the ISO string the backend writes. */
function momentOn(rng: Rng, date: CalendarDate): string {
  const minutes = int(rng, 0, 12 * 60 - 1) // 00:00–11:59 UTC = 08:00–19:59 China
  const ms = int(rng, 0, 59_999)
  return `${date}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:${String(Math.floor(ms / 1000)).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}Z`
}

/**
 * `count` filings in filing order (oldest first), each with its history, one at a time: the caller
 * writes them as they come.
 */
export function* generateFilings(options: GeneratorOptions): Generator<GeneratedFiling> {
  const rng = random(options.seed ?? 20261130)
  // The 抽查 picks draw from their own stream, so that adding them left every other field as it was.
  const spotRng = random((options.seed ?? 20261130) + 1)
  const today = options.today
  const first = dayNumber('2019-01-01')
  const last = dayNumber(today)

  // How many filings each day gets: by year weight, spread evenly within the year (±30 %).
  const dayWeights: number[] = []
  for (let day = first; day <= last; day += 1) {
    const year = +dateOf(day).slice(0, 4)
    const yearWeight = YEAR_WEIGHTS.find(([y]) => y === year)?.[1] ?? 1
    const daysInYear = year === 2026 ? last - dayNumber('2026-01-01') + 1 : (year % 4 === 0 ? 366 : 365)
    dayWeights.push((yearWeight / daysInYear) * (0.7 + 0.6 * rng()))
  }
  const weightSum = dayWeights.reduce((a, b) => a + b, 0)
  const perDay = dayWeights.map((w) => Math.floor((w / weightSum) * options.count))
  let missing = options.count - perDay.reduce((a, b) => a + b, 0)
  for (let i = perDay.length - 1; missing > 0; i = (i - 1 + perDay.length) % perDay.length, missing -= 1) perDay[i] += 1

  const dest = destinations()
  const insuredCodes = insuredCities()
  const profileList = profiles.map((p) => [p, PROFILE_WEIGHTS[p.id] ?? 1] as const)
  const categoriesOf = new Map<string, [Category, number][]>(
    profiles.map((p) => [
      p.id,
      (Object.entries(p.categories) as [Category, PolicyProfile['categories'][Category]][])
        .filter(([category, rule]) => rule.filing === 'required' && CATEGORY_WEIGHTS[category] > 0)
        .map(([category]) => [category, CATEGORY_WEIGHTS[category]] as [Category, number]),
    ]),
  )
  const usedNumbers = new Set<string>()
  const usedIds = new Set<string>()
  // People who filed a temporary trip before and file again (续转诊): same owner and ID.
  const returning: { owner: string; name: string; idNumber: string; birthDate: string; gender: 'male' | 'female'; phone: string }[] = []

  for (let d = 0; d < perDay.length; d += 1) {
    const filedOn = dateOf(first + d)
    const ageDays = last - (first + d)
    for (let k = 0; k < perDay[d]; k += 1) {
      const profile = weighted(rng, profileList)
      const category = weighted(rng, categoriesOf.get(profile.id) ?? [])
      const rule = profile.categories[category] as FiledCategoryRule
      const longTerm = groupOf(category) === 'long_term'
      const insuredResult = resolveInsuredRegion(profile, pick(rng, insuredCodes))
      if (!insuredResult.ok) throw new Error(insuredResult.message)
      const insured = insuredResult.value

      let destination: FilingRecord['destination'] | null = null
      while (!destination) {
        const provinceCode = weighted(rng, dest.provinces)
        const cityCode = weighted(rng, dest.cities.get(provinceCode) ?? [[undefined, 1]])
        const checked = checkFilingDestination(profile, insured, cityCode ? { provinceCode, cityCode } : { provinceCode })
        if (checked.ok) destination = checked.value
      }

      // The person: new, or (for a temporary trip) someone who filed one before.
      const again = !longTerm && returning.length > 100 && rng() < 0.15
      let person = again ? pick(rng, returning) : null
      if (!person) {
        const birthYear = longTerm && category === 'resettled_retiree' ? int(rng, 1935, 1966) : int(rng, 1940, 2000)
        const birthDate = `${birthYear}-${String(int(rng, 1, 12)).padStart(2, '0')}-${String(int(rng, 1, 28)).padStart(2, '0')}`
        const region = insured.code.startsWith('21') || insured.code.startsWith('14') || insured.code.startsWith('51') || insured.code.startsWith('37')
          ? insured.code.slice(0, 4) + pick(rng, ['02', '03', '21', '22', '81'])
          : insured.code.slice(0, 4) + '02'
        let idNumber = ''
        let gender: 'male' | 'female' = 'female'
        do {
          const sequence = String(int(rng, 1, 999)).padStart(3, '0')
          const first17 = region + birthDate.replace(/-/g, '') + sequence
          idNumber = first17 + checkCharacter(first17)
          gender = Number(sequence[2]) % 2 === 1 ? 'male' : 'female'
        } while (usedIds.has(idNumber))
        usedIds.add(idNumber)
        let owner = 'o'
        for (let i = 0; i < 27; i += 1) owner += OPENID_CHARS[Math.floor(rng() * OPENID_CHARS.length)]
        const phone = '1' + pick(rng, ['3', '5', '7', '8', '9']) + String(int(rng, 0, 999_999_999)).padStart(9, '0')
        person = { owner, name: personName(rng), idNumber, birthDate, gender, phone }
        if (!longTerm) {
          if (returning.length < 5000) returning.push(person)
          else returning[int(rng, 0, returning.length - 1)] = person
        }
      }

      let id = ''
      do {
        let suffix = ''
        for (let i = 0; i < 6; i += 1) suffix += ALPHABET[Math.floor(rng() * ALPHABET.length)]
        id = `YD${filedOn.replace(/-/g, '')}-${suffix}`
      } while (usedNumbers.has(id))
      usedNumbers.add(id)

      // Start date: mostly the filing day or soon after; a late filing (补办) goes back a little.
      const back = rule.lateFiling.maxDaysBack ?? 60
      const offset = rng() < 0.15 ? -int(rng, 1, Math.min(back, 60)) : int(rng, 0, Math.min(rule.maxDaysAhead, 30))
      const startDate = addDays(filedOn, offset)
      const createdAt = momentOn(rng, filedOn)
      const commitment = rule.commitmentAllowed && rng() < 0.7
      const materials = commitment
        ? []
        : rule.materials.map((m) => ({ kind: m.kind, fileId: `f-${Math.floor(rng() * 2 ** 48).toString(16).padStart(12, '0')}` }))
      const referral =
        category === 'referral'
          ? {
              hospitalName: pick(rng, HOSPITALS),
              hospitalLevel: pick(rng, ['grade3a', 'grade3a', 'grade3b', 'grade2a'] as HospitalLevel[]),
              certificateDate: addDays(filedOn, -int(rng, 0, 10)),
              treatingHospitalName: profile.referral.namesTreatingHospital ? pick(rng, HOSPITALS) : null,
            }
          : null

      let filing: FilingRecord = {
        id,
        owner: person.owner,
        requestId: `${person.owner.slice(1, 9)}-${createdAt.replace(/\D/g, '')}`,
        policyId: profile.id,
        insuredRegion: insured,
        category,
        insuranceType: rng() < 0.72 ? 'employee' : 'resident',
        applicant: {
          name: person.name,
          idType: 'resident_id',
          idNumber: person.idNumber,
          phone: person.phone,
          address: rng() < 0.5 ? `${pick(rng, ADDRESSES)}` : null,
          gender: person.gender,
          birthDate: person.birthDate,
        },
        destination,
        startDate,
        validUntil: endDateOf(rule.validity, startDate),
        filedOn,
        effectiveOn: startDate,
        changedOn: null,
        materials,
        commitment: commitment ? { signature: person.name, signedAt: createdAt, title: profile.commitment.title } : null,
        referral,
        status: 'active',
        reviewers: [],
        rejectionReason: null,
        stays: [],
        version: 1,
        createdAt,
        updatedAt: createdAt,
      }
      const history: HistoryEntry[] = [{ filingId: id, at: createdAt, actor: person.owner, role: 'owner', action: 'submit' }]
      /** A later action on day `date` (never after today). */
      const act = (daysLater: number, action: HistoryEntry['action'], actor: string, changes: Partial<FilingRecord>, extra: Partial<HistoryEntry> = {}) => {
        const at = momentOn(rng, addDays(filedOn, Math.min(daysLater, ageDays)))
        const atSafe = at > filing.updatedAt ? at : filing.updatedAt
        filing = { ...filing, ...changes, version: filing.version + 1, updatedAt: atSafe }
        history.push({ filingId: id, at: atSafe, actor, role: actor.startsWith('staff-') ? 'staff' : 'owner', action, ...extra })
      }

      if (rule.review.kind === 'staged') {
        const stages = rule.review.stages
        filing = { ...filing, status: 'pending_review' as FilingStatus, effectiveOn: null }
        // Recent filings are still in the queue; older ones were decided within about three weeks.
        const decided = ageDays > 21 || rng() < ageDays / 30
        const passes = decided ? stages.length - 1 : int(rng, 0, stages.length - 1)
        const reviewers = [...STAFF].sort(() => rng() - 0.5).slice(0, stages.length)
        for (let s = 0; s < passes; s += 1) {
          act(2 + s * 4, 'review_pass', reviewers[s], { reviewers: reviewers.slice(0, s + 1) }, { stage: stages[s].label })
        }
        if (decided) {
          if (rng() < 0.1) {
            const reason = pick(rng, REJECTIONS)
            act(14, 'reject', reviewers[passes], { status: 'rejected', rejectionReason: reason }, { stage: stages[passes].label, reason })
          } else {
            const effectiveOn = addDays(filedOn, Math.min(14, ageDays))
            act(14, 'approve', reviewers[passes], { status: 'active', reviewers: reviewers.slice(0, passes + 1), effectiveOn: effectiveOn > startDate ? effectiveOn : startDate }, { stage: stages[passes].label })
          }
        } else if (rng() < 0.03) {
          act(1, 'cancel', person.owner, { status: 'cancelled' }, { reason: '不再需要' })
        }
      }
      if (filing.status === 'active') {
        // A phone update, a change of destination (备案变更), a cancellation: each now and then.
        if (rng() < 0.06) act(int(rng, 5, 400), 'update_contact', person.owner, { applicant: { ...filing.applicant, phone: '1' + pick(rng, ['3', '8']) + String(int(rng, 0, 999_999_999)).padStart(9, '0') } })
        if (longTerm && rng() < 0.04) {
          const changedOn = addDays(filedOn, Math.min(int(rng, 190, 700), ageDays))
          act(dayNumber(changedOn) - dayNumber(filedOn), 'change', person.owner, { changedOn })
        }
        if (rng() < (longTerm ? 0.09 : 0.07)) act(int(rng, 3, longTerm ? 900 : 150), 'cancel', person.owner, { status: 'cancelled' }, { reason: '不再需要' })
      }
      // 抽查: a tenth of commitment filings are picked when filed; staff check them within weeks
      // (a change of the record, by staff, in the history) — unless it was cancelled first.
      if (filing.commitment && spotRng() < 0.1) {
        const checkedAfter = 3 + Math.floor(spotRng() * 40)
        if (checkedAfter > ageDays || filing.status !== 'active') {
          filing = { ...filing, spotCheck: { state: 'due', sampledOn: filedOn } }
        } else {
          const problem = spotRng() < 0.05
          const by = pick(spotRng, STAFF)
          const at = momentOn(spotRng, addDays(filedOn, checkedAfter))
          const updatedAt = at > filing.updatedAt ? at : filing.updatedAt
          filing = {
            ...filing,
            spotCheck: { state: problem ? 'problem' : 'verified', sampledOn: filedOn, note: problem ? '居住证明与承诺不符，请补充材料' : null, by, on: addDays(filedOn, checkedAfter) },
            version: filing.version + 1,
            updatedAt,
          }
          history.push({ filingId: id, at: updatedAt, actor: by, role: 'staff', action: 'spot_check' })
        }
      }
      yield { filing, history }
    }
  }
}

/** The profile of a generated filing (for checks). */
export function profileFor(filing: FilingRecord): PolicyProfile {
  const profile = findProfile(filing.policyId)
  if (!profile) throw new Error(`no profile ${filing.policyId}`)
  return profile
}
