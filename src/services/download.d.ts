// Handing a back-office export (admin.export: a CSV in file storage behind a short-lived link) to the
// staff member, by platform files (see api.d.ts for the pattern).
//
// H5: the browser fetches the link (the local server checks the caller again) and saves the file.
// weapp: WeChat's document viewer (wx.openDocument) opens only doc, docx, xls, xlsx, ppt, pptx and pdf
// (its fileType list), not CSV, so the file is downloaded into the mini-program's user folder and
// offered to send to a chat (wx.shareFileMessage: 文件传输助手 reaches the desktop, where Excel opens
// it); when that is declined or fails, the link itself is copied (wx.setClipboardData) to open in a
// desktop browser while it works (ten minutes).

export interface ExportLink {
  url: string
  filename: string
}

/** What became of the file: saved (H5), sent to a chat, or its link copied (weapp). */
export type Delivered = 'downloaded' | 'shared' | 'link_copied'

/** Resolves with how the file was handed over; rejects with a message in Chinese when it could not be. */
export declare function deliverExport(file: ExportLink): Promise<Delivered>

export interface DownloadModule {
  deliverExport: typeof deliverExport
}

export type Conforms<M extends DownloadModule> = M
