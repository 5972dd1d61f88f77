/**
 * Shows progress on a terminal: after the run has lasted `delayMs` (a
 * second by default), one line on standard error, rewritten in place at
 * most every tenth of a second (`spine-check: analysing files 1200/4000`),
 * and erased when the run ends, so that the report on standard output is
 * all that stays. The line is drawn when an event arrives, and by a timer
 * whenever the process is idle (while it waits for a child engine).
 */
import type { ProgressEvent, ProgressListener } from "./events.js";

/** A progress display. */
export interface ProgressDisplay {
  /** Receives the run's events. */
  readonly listener: ProgressListener;
  /** Erases the line, if one was shown. */
  done(): void;
}

/** Options of {@link ttyProgress}. */
export interface TtyProgressOptions {
  /** How long a run lasts before progress is shown (default 1,000 ms). */
  readonly delayMs?: number;
  /** The clock, in milliseconds (default `performance.now`). */
  readonly now?: () => number;
  /** Redraw the latest event from a timer too (default true). */
  readonly timer?: boolean;
}

/** How often the line is rewritten at most. */
const REFRESH_MS = 100;

/** The text of an event. */
export function progressText(event: ProgressEvent): string {
  const counted = event.done !== undefined && event.total !== undefined ? ` ${event.done}/${event.total}` : event.total !== undefined ? ` (${event.total} files)` : "";
  return `spine-check: ${event.phase}${counted}`;
}

/** A display that writes to a terminal through `write`. */
export function ttyProgress(write: (text: string) => void, options: TtyProgressOptions = {}): ProgressDisplay {
  const now = options.now ?? (() => performance.now());
  const start = now();
  const delay = options.delayMs ?? 1000;
  let shown = false;
  let last = -Infinity;
  let latest: ProgressEvent | undefined;
  const show = (): void => {
    if (latest === undefined) return;
    write(`\r\u001b[K${progressText(latest)}`);
    shown = true;
    last = now();
  };
  const due = (): boolean => now() - start >= delay && now() - last >= REFRESH_MS;
  const timer =
    options.timer === false
      ? undefined
      : setInterval(() => {
          if (due()) show();
        }, REFRESH_MS);
  timer?.unref();
  return {
    listener(event) {
      latest = event;
      if (due()) show();
    },
    done() {
      if (timer !== undefined) clearInterval(timer);
      if (shown) write("\r\u001b[K");
    },
  };
}
