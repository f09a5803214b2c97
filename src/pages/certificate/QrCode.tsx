// A QR code drawn with Views: one View per run of dark or light modules in a row, whole-pixel
// modules, black on white, with the 4-module quiet zone as white padding. No canvas, so it is the
// same markup on weapp and H5 and it scales with nothing but its module size.
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo } from 'react'
import { QUIET_ZONE, moduleSize, qrMatrix, qrRuns } from '../../lib/qr'

export interface QrCodeProps {
  text: string
  /** About how wide (CSS px) the code is with its quiet zone; modules are whole pixels. */
  target?: number
}

/** As large as the card allows: the window less the page and card margins, 200–300 px. */
function fittingWidth(): number {
  let width = 375
  try {
    width = Taro.getWindowInfo().windowWidth || width
  } catch {
    // An old WeChat without getWindowInfo: a 375-wide phone.
  }
  return Math.max(200, Math.min(300, width - 110))
}

export function QrCode({ text, target = fittingWidth() }: QrCodeProps) {
  const qr = useMemo(() => qrMatrix(text), [text])
  const px = moduleSize(qr.size, target)
  const side = qr.size * px
  // Inline px are real CSS px on both platforms (pxtransform only rewrites stylesheets).
  return (
    <View
      className='qr'
      data-modules={qr.size}
      data-text={text}
      style={{ padding: `${QUIET_ZONE * px}px`, width: `${side}px`, height: `${side}px` }}
    >
      {qr.modules.map((row, y) => (
        <View className='qr__row' key={y} style={{ width: `${side}px`, height: `${px}px` }}>
          {qrRuns(row).map((run) => (
            <View
              key={run.start}
              className={run.dark ? 'qr__dark' : 'qr__light'}
              style={{ width: `${run.length * px}px`, height: `${px}px` }}
            />
          ))}
        </View>
      ))}
    </View>
  )
}

export default QrCode
