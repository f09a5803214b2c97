// Rules no form asks about but a person should know (a profile's `guide` items, or the notes an
// answer carries): each a bold title, its text and where it comes from. Nothing at all when empty.
import { Text, View } from '@tarojs/components'
import type { GuideNote } from '../../rules/core'
import { SourceNote } from '../SourceNote'
import './index.scss'

export interface GuideNotesProps {
  /** The heading over the list, e.g. 您可能还需要知道. */
  title: string
  /** An answer's notes or a profile's guide items: only their title, text and source are shown. */
  notes: readonly Pick<GuideNote, 'title' | 'text' | 'source'>[]
  id?: string
}

export function GuideNotes({ title, notes, id }: GuideNotesProps) {
  if (notes.length === 0) return null
  return (
    <View className='guide-notes' id={id}>
      <Text className='guide-notes__heading'>{title}</Text>
      {notes.map((note) => (
        <View className='guide-note' key={note.title}>
          <Text className='guide-note__title'>{note.title}</Text>
          <Text className='guide-note__text'>{note.text}</Text>
          <SourceNote source={note.source} />
        </View>
      ))}
    </View>
  )
}

export default GuideNotes
