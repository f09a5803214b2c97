// H5: fetch the export's link as the signed-in staff member (X-Dev-Openid: the local server serves an
// export only to whoever made it) and save it under its name (the CSV carries its own BOM).
import type { Conforms, Delivered, ExportLink } from './download'
import { getDevOpenid } from './identity'

export async function deliverExport(file: ExportLink): Promise<Delivered> {
  const openid = getDevOpenid()
  let response: Response
  try {
    response = await fetch(file.url, { headers: openid ? { 'X-Dev-Openid': openid } : {} })
  } catch {
    throw new Error('网络连接失败，没能下载导出的文件，请重新导出')
  }
  if (!response.ok) throw new Error(response.status === 404 ? '下载链接已过期，请重新导出' : '没能下载导出的文件，请重新导出')
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = file.filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Let the download start before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return 'downloaded'
}

export type H5Download = Conforms<typeof import('./download.h5')>
