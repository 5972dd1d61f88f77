/**
 * A short line diff for `check:docs`: what the committed page has (`-`) and
 * what the generator writes (`+`), with a little context.
 */

type Op = { readonly kind: " " | "-" | "+"; readonly line: string };

/** The edit script between two line lists (longest common subsequence). */
function editScript(before: readonly string[], after: readonly string[]): Op[] {
  const n = before.length;
  const m = after.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as Uint32Array;
    const below = lcs[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--) {
      row[j] = before[i] === after[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      ops.push({ kind: " ", line: before[i] as string });
      i++;
      j++;
    } else if (j < m && (i === n || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) {
      ops.push({ kind: "+", line: after[j] as string });
      j++;
    } else {
      ops.push({ kind: "-", line: before[i] as string });
      i++;
    }
  }
  return ops;
}

/**
 * A unified-style diff of two texts, cut to `maxLines` lines of output.
 * @param before - the committed text.
 * @param after - the generated text.
 * @param maxLines - the most lines to print (default 40).
 * @returns "" when the texts are equal.
 */
export function shortDiff(before: string, after: string, maxLines = 40): string {
  if (before === after) return "";
  const ops = editScript(before.split("\n"), after.split("\n"));
  const context = 2;
  const shown = new Set<number>();
  ops.forEach((op, index) => {
    if (op.kind === " ") return;
    for (let k = Math.max(0, index - context); k <= Math.min(ops.length - 1, index + context); k++) shown.add(k);
  });
  const out: string[] = [];
  let previous = -2;
  for (const index of [...shown].sort((a, b) => a - b)) {
    if (index !== previous + 1) out.push(`@@ line ${ops.slice(0, index).filter((op) => op.kind !== "+").length + 1} @@`);
    const op = ops[index] as Op;
    out.push(`${op.kind} ${op.line}`);
    previous = index;
  }
  if (out.length <= maxLines) return out.join("\n");
  return [...out.slice(0, maxLines), `… ${out.length - maxLines} more diff lines`].join("\n");
}
