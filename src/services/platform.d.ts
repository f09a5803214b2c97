// What differs between the mini-program and the H5 app at start-up, by platform files (see api.d.ts
// for how Taro picks `platform.weapp.ts` / `platform.h5.ts` and why this declaration exists).

/** Runs once when the app starts (src/app.ts). weapp: Taro.cloud.init. */
export declare function startPlatform(): void

/** The host asks for large text: on weapp, WeChat's own font size is large. Always false on H5. */
export declare function hostPrefersLargeText(): boolean

/** H5 has no WeChat identity: the person picks a dev identity on pages/signin. */
export declare const usesDevSignIn: boolean

export interface PlatformModule {
  startPlatform: typeof startPlatform
  hostPrefersLargeText: typeof hostPrefersLargeText
  usesDevSignIn: typeof usesDevSignIn
}

export type Conforms<M extends PlatformModule> = M
