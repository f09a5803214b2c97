// weapp: write the file under USER_DATA_PATH, then WeChat's "send to a chat" sheet.
import Taro from '@tarojs/taro'
import type { Conforms } from './save-file'

export async function saveFile(filename: string, text: string, _contentType: string): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`
  try {
    Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8')
  } catch {
    throw new Error('手机存储空间不足，没能保存文件')
  }
  try {
    await Taro.shareFileMessage({ filePath, fileName: filename })
  } catch {
    throw new Error('没有发送文件。可以发给“文件传输助手”，在电脑上打开')
  }
}

export type WeappSaveFile = Conforms<typeof import('./save-file.weapp')>
