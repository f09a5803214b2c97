// H5: a Blob and a download link (a CSV carries its own BOM so Excel reads it as UTF-8).
import type { Conforms } from './save-file'

export async function saveFile(filename: string, text: string, contentType: string): Promise<void> {
  const url = URL.createObjectURL(new Blob([text], { type: contentType }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Let the download start before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export type H5SaveFile = Conforms<typeof import('./save-file.h5')>
