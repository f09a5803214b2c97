// WeChat's privacy authorization (用户隐私保护指引), by platform files (see api.d.ts for the pattern).
// weapp: the real flow; H5: nothing to authorize (the local demo only shows why data is needed).

/** The id of the gate's agree button: WeChat checks that this very button was tapped. */
export declare const AGREE_BUTTON_ID: string

/** weapp: whether WeChat still needs the person's consent (getPrivacySetting). H5: false. */
export declare function privacyNeeded(): Promise<boolean>

/**
 * Becomes the one handler of WeChat's onNeedPrivacyAuthorization (the last gate mounted wins): it
 * gets `answer`, to be called with the person's choice. H5: never called.
 */
export declare function handlePrivacyRequests(handler: (answer: (agreed: boolean) => void) => void): void

/**
 * Asks WeChat to authorize now (requirePrivacyAuthorize), which calls the handler above; resolves
 * with the outcome. H5: true.
 */
export declare function requestPrivacy(): Promise<boolean>

/** Opens the mini-program's privacy guide (openPrivacyContract). H5: does nothing. */
export declare function openPrivacyGuide(): void

export interface PrivacyModule {
  AGREE_BUTTON_ID: typeof AGREE_BUTTON_ID
  privacyNeeded: typeof privacyNeeded
  handlePrivacyRequests: typeof handlePrivacyRequests
  requestPrivacy: typeof requestPrivacy
  openPrivacyGuide: typeof openPrivacyGuide
}

export type Conforms<M extends PrivacyModule> = M
