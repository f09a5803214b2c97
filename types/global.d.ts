/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Node / Taro; changes the build output. */
    NODE_ENV: 'development' | 'production' | 'test'
    /** The platform being built. Only weapp and h5 are configured in this project. */
    TARO_ENV: 'weapp' | 'h5'
    /** Overrides project.config.json's appid at build time (Taro's special env variable). */
    TARO_APP_ID?: string
  }
}
