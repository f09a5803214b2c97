// One proof material, viewable by staff, by platform files (see src/services/api.d.ts for the pattern).
// H5: fetched with the staff identity and shown inline (an image, or the PDF in a frame with a
// download link). weapp: downloaded through a short-lived link and opened in WeChat's image preview
// or document viewer.
export interface ProofViewProps {
  fileId: string
  label: string
}

export declare function ProofView(props: ProofViewProps): JSX.Element

export interface ProofViewModule {
  ProofView: typeof ProofView
}

export type Conforms<M extends ProofViewModule> = M
