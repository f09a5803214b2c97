// weapp: write the file under USER_DATA_PATH, then WeChat's "send to a chat" sheet.
import Taro from '@tarojs/taro'
import type { Conforms } from './download'

export async function saveCsv(filename: string, csv: string): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`
  try {
    Taro.getFileSystemManager().writeFileSync(filePath, csv, 'utf8')
  } catch {
    throw new Error('手机存储空间不足，没能保存导出文件')
  }
  try {
    await Taro.shareFileMessage({ filePath, fileName: filename })
  } catch {
    throw new Error('没有发送导出文件。可以发给“文件传输助手”，在电脑上用Excel打开')
  }
}

export type WeappDownload = Conforms<typeof import('./download.weapp')>
