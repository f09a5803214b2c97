// Handing a file to the person (staff's CSV export, a person's copy of their own data), by platform
// files (see api.d.ts for the pattern). H5: the browser downloads it. weapp: it is written to the
// mini-program's user folder and offered to send to a chat (文件传输助手 reaches the desktop), since a
// phone has nowhere to save it.

/** Resolves when the file was handed over; rejects with a message in Chinese when it could not be. */
export declare function saveFile(filename: string, text: string, contentType: string): Promise<void>

export interface SaveFileModule {
  saveFile: typeof saveFile
}

export type Conforms<M extends SaveFileModule> = M
