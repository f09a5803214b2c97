// The empty Taro React app `npm run bench:size` compares this app against: Taro's own `default`
// template (taro init, React + TypeScript + Sass), one page rendering a View with a Text. Built with
// the project's config/index.ts (TARO_SOURCE_ROOT=bench/empty-app/src), so the difference in size is
// this app's own code, not a different build setup.
import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    console.log('App launched.')
  })
  // children is the page being rendered
  return children
}

export default App
