// The step table both flows use (lib/steps): which steps apply, going on and back, a 修改 link from the
// check page, and where an issue's field is asked.
import { checkAll, nextStep, placeIssues, previousStep, progressOf, stepOfPath, stepsFor, titleOf, type StepTable } from '../../src/lib/steps'

type Answers = { pet: 'cat' | 'dog' | null; name: string; vet: string }
type Id = 'pet' | 'name' | 'vet' | 'check'

const need = (path: string, value: string) => (value ? [] : [{ path, message: `请填写${path}` }])

const TABLE: StepTable<Id, Answers, void> = {
  checkPage: 'check',
  changeReturnsHere: true,
  steps: [
    { id: 'pet', title: '宠物', fields: ['pet'], fallbackFields: ['vet.name'], check: (a) => need('pet', a.pet ?? '') },
    { id: 'name', title: (a) => (a.pet === 'dog' ? '狗的名字' : '名字'), fields: ['name'], check: (a) => need('name', a.name) },
    { id: 'vet', title: '兽医', fields: ['vet'], when: (a) => a.pet === 'dog', check: (a) => need('vet.name', a.vet) },
    { id: 'check', title: '核对', fields: [], check: (a) => (a.name === 'x' ? [{ path: 'name', message: '太短' }] : []) },
  ],
}

const dog: Answers = { pet: 'dog', name: 'Rex', vet: 'Li' }
const cat: Answers = { pet: 'cat', name: 'Tom', vet: '' }

test('steps apply by `when`; titles may depend on the answers', () => {
  expect(stepsFor(TABLE, dog)).toEqual(['pet', 'name', 'vet', 'check'])
  expect(stepsFor(TABLE, cat)).toEqual(['pet', 'name', 'check'])
  expect(titleOf(TABLE, dog, 'name')).toBe('狗的名字')
  expect(progressOf(TABLE, cat, 'check')).toEqual({ index: 3, total: 3 })
})

test('next and previous skip what does not apply; a 修改 link returns to the check page', () => {
  expect(nextStep(TABLE, cat, 'name', undefined)).toBe('check')
  expect(nextStep(TABLE, dog, 'name', undefined)).toBe('vet')
  expect(nextStep(TABLE, dog, 'pet', undefined, true)).toBe('check')
  expect(nextStep(TABLE, { ...dog, vet: '' }, 'pet', undefined, true)).toBe('vet')
  expect(previousStep(TABLE, cat, 'check')).toBe('name')
  expect(previousStep(TABLE, cat, 'pet')).toBeNull()
})

test('a path goes to the step with the longest field that owns it, its fallback, or the check page', () => {
  expect(stepOfPath(TABLE, 'vet.name', dog)).toBe('vet')
  expect(stepOfPath(TABLE, 'vet.name', cat)).toBe('pet')
  expect(stepOfPath(TABLE, 'vet.phone', cat)).toBe('check')
  expect(stepOfPath(TABLE, 'requestId', dog)).toBe('check')
  expect(placeIssues(TABLE, dog, [{ path: 'vet.name', message: 'a' }, { path: 'name', message: 'b' }]).first).toBe('name')
})

test('checkAll: the first step with an issue, then the check page placing its own', () => {
  expect(checkAll(TABLE, { ...dog, vet: '' }, undefined)?.step).toBe('vet')
  expect(checkAll(TABLE, { ...dog, name: 'x' }, undefined)).toEqual({ step: 'name', issues: [{ path: 'name', message: '太短' }] })
  expect(checkAll(TABLE, dog, undefined)).toBeNull()
})
