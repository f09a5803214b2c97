import type { PropsWithChildren } from 'react'
import { startPlatform } from './services/platform'
import './app.scss'

// Once, before the first page: weapp starts the cloud SDK (Taro.cloud.init); H5 has nothing to start.
startPlatform()

// The app shell: Taro renders the current page as `children`. Each page wraps itself in
// components/Screen, which carries the design tokens and the 长辈模式 class.
function App({ children }: PropsWithChildren) {
  return children
}

export default App
