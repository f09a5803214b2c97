// H5: a Blob and a download link; Excel opens the UTF-8 file in Chinese thanks to its BOM.
import type { Conforms } from './download'

export async function saveCsv(filename: string, csv: string): Promise<void> {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Let the download start before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export type H5Download = Conforms<typeof import('./download.h5')>
