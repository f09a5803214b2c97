// weapp: download the export's short-lived cloud link into the user folder and offer WeChat's "send to
// a chat" sheet; failing that, copy the link (why not wx.openDocument: download.d.ts).
import Taro from '@tarojs/taro'
import type { Conforms, Delivered, ExportLink } from './download'

async function copyLink(url: string): Promise<Delivered> {
  try {
    await Taro.setClipboardData({ data: url })
    return 'link_copied'
  } catch {
    throw new Error('没能保存导出的文件，请重新导出')
  }
}

export async function deliverExport(file: ExportLink): Promise<Delivered> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${file.filename}`
  try {
    const { statusCode } = await Taro.downloadFile({ url: file.url, filePath })
    if (statusCode !== 200) return copyLink(file.url)
  } catch {
    return copyLink(file.url)
  }
  try {
    await Taro.shareFileMessage({ filePath, fileName: file.filename })
    return 'shared'
  } catch {
    // Declined or not possible (e.g. WeChat on a desktop): the link, to open in a browser.
    return copyLink(file.url)
  }
}

export type WeappDownload = Conforms<typeof import('./download.weapp')>
