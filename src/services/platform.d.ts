// What differs between the mini-program and the H5 app at start-up, by platform files (see api.d.ts
// for how Taro picks `platform.weapp.ts` / `platform.h5.ts` and why this declaration exists).

/** Runs once when the app starts (src/app.ts). weapp: Taro.cloud.init. */
export declare function startPlatform(): void

/** The host asks for large text: on weapp, WeChat's own font size is large. Always false on H5. */
export declare function hostPrefersLargeText(): boolean

/**
 * 长辈模式 for what a page does not contain: H5 draws its pickers on <body>, outside every `.screen`,
 * so the choice is also a class on the document (app.scss `.large-text`). Nothing on weapp.
 */
export declare function reflectLargeText(on: boolean): void

/** H5 has no WeChat identity: the person picks a dev identity on pages/signin. */
export declare const usesDevSignIn: boolean

export interface PlatformModule {
  startPlatform: typeof startPlatform
  hostPrefersLargeText: typeof hostPrefersLargeText
  reflectLargeText: typeof reflectLargeText
  usesDevSignIn: typeof usesDevSignIn
}

export type Conforms<M extends PlatformModule> = M
