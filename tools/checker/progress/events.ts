/**
 * What a long run tells about its progress: the phase it is in and, for a
 * phase over files, how many of how many are done. The analyses emit
 * events; only the command line shows them (on a terminal, see `tty.ts`).
 */

/** One step of a run. */
export interface ProgressEvent {
  /** The phase, in a few words ("analysing files", "dependency-cruiser"). */
  readonly phase: string;
  /** Files done so far, for a phase over files. */
  readonly done?: number;
  /** Files in all, for a phase over files. */
  readonly total?: number;
}

/** Receives progress events. */
export type ProgressListener = (event: ProgressEvent) => void;

/** How many files a phase over files handles between two events. */
export const PROGRESS_STEP = 250;
