import type { PropsWithChildren } from 'react'
import { startStepBack } from './lib/step-back'
import { startPlatform } from './services/platform'
import './app.scss'

// Once, before the first page: weapp starts the cloud SDK (Taro.cloud.init); H5 has nothing to start.
startPlatform()
// Also before Taro's router: H5's back in the step flows is heard ahead of it (lib/step-back).
startStepBack()

// The app shell: Taro renders the current page as `children`. Each page wraps itself in
// components/Screen, which carries the design tokens and the 长辈模式 class.
function App({ children }: PropsWithChildren) {
  return children
}

export default App
