// Handing an exported CSV to the staff member, by platform files (see src/services/api.d.ts for the
// pattern). H5: the browser downloads it. weapp: it is written to the mini-program's user folder and
// offered to send to a chat (文件传输助手 reaches the desktop), since a phone has nowhere to save it.

/** Resolves when the file was handed over; rejects with a message in Chinese when it could not be. */
export declare function saveCsv(filename: string, csv: string): Promise<void>

export interface DownloadModule {
  saveCsv: typeof saveCsv
}

export type Conforms<M extends DownloadModule> = M
